#!/usr/bin/env python3
# check-po.py: the catalogue keeps up with the sources.
#
#   1. every file under src/, ui/ and data/ with a translatable string is in
#      POTFILES.in (xgettext runs over the whole tree and is compared), and
#      POTFILES.in names no file without one;
#   2. every message xgettext finds is translated in each language of LINGUAS,
#      not fuzzy (msgcmp);
#   3. msgfmt --statistics counts no fuzzy or untranslated entry.
#
# usage: check-po.py SOURCE_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import tempfile

root = os.path.abspath(sys.argv[1])
po_dir = os.path.join(root, 'po')

# the keywords of meson's i18n.gettext(preset: 'glib')
KEYWORDS = ['_', 'N_', 'C_:1c,2', 'NC_:1c,2', 'g_dcgettext:2', 'g_dngettext:2,3',
            'g_dpgettext2:2c,3', 'ngettext:1,2']
SUFFIXES = ('.c', '.ui', '.desktop.in', '.metainfo.xml.in', '.gschema.xml')

failures = []


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def candidates():
    for top in ('src', 'ui', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(SUFFIXES):
                    yield os.path.relpath(os.path.join(dirpath, name), root)


def listed():
    with open(os.path.join(po_dir, 'POTFILES.in'), encoding='utf-8') as f:
        return [l.strip() for l in f if l.strip() and not l.startswith('#')]


def extract(files, output):
    args = ['xgettext', '--from-code=UTF-8', '--add-comments', '--no-wrap',
            '--directory=' + root, '--output=' + output]
    args += ['--keyword=' + k for k in KEYWORDS]
    result = run(args + files)
    if result.returncode != 0:
        failures.append('xgettext failed: ' + result.stderr.strip())
    return result


with tempfile.TemporaryDirectory() as tmp:
    # 1. which files hold translatable strings
    tree_pot = os.path.join(tmp, 'tree.pot')
    extract(list(candidates()), tree_pot)
    with_strings = set()
    if os.path.exists(tree_pot):
        with open(tree_pot, encoding='utf-8') as f:
            for line in f:
                if line.startswith('#: '):
                    for ref in line[3:].split():
                        with_strings.add(re.sub(r':\d+$', '', ref))
    in_potfiles = listed()
    for path in sorted(with_strings - set(in_potfiles)):
        failures.append(f'{path} has translatable strings but is not in po/POTFILES.in')
    for path in in_potfiles:
        if not os.path.exists(os.path.join(root, path)):
            failures.append(f'po/POTFILES.in names {path}, which does not exist')
        elif path not in with_strings:
            failures.append(f'po/POTFILES.in names {path}, which has no translatable string')
    if in_potfiles != sorted(in_potfiles):
        failures.append('po/POTFILES.in is not sorted')

    # 2. and 3. every language translates all of them
    pot = os.path.join(tmp, 'lead-workgroup.pot')
    extract(in_potfiles, pot)
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        languages = [l.strip() for l in f if l.strip() and not l.startswith('#')]
    for lang in languages:
        po = os.path.join(po_dir, lang + '.po')
        result = run(['msgcmp', po, pot])
        if result.returncode != 0:
            failures.append(f'po/{lang}.po lacks messages of the sources (or has them fuzzy or '
                            f'untranslated):\n' + result.stderr.strip())
        result = run(['msgfmt', '--check', '--statistics', '--output-file=/dev/null', po],
                     env=dict(os.environ, LC_ALL='C'))
        stats = result.stderr.strip()
        print(f'# {lang}: {stats}')
        if result.returncode != 0 or 'fuzzy' in stats or 'untranslated' in stats:
            failures.append(f'po/{lang}.po: {stats}')

if failures:
    for f in failures:
        print('not ok: ' + f.replace('\n', '\n# '))
    sys.exit(1)
print('ok: POTFILES.in and the catalogues match the sources')
