/* lw-i18n-private.h: the core's translation macros, aware of lw_i18n_push()
 *
 * Include instead of <glib/gi18n.h> in a file whose strings can end up in a
 * document or on the projector.  xgettext still sees _(), C_(), N_(), NC_(),
 * ngettext and g_dngettext as usual.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n.h>
#include <string.h>

#include "lw/lw-i18n.h"

#undef _
#define _(String) lw_i18n_gettext (String)
#undef C_
#define C_(Context, String) lw_i18n_pgettext (Context "\004" String, strlen (Context) + 1)
#undef ngettext
#define ngettext(Msgid, Plural, N) lw_i18n_ngettext ((Msgid), (Plural), (N))
#undef g_dngettext
#define g_dngettext(Domain, Msgid, Plural, N) lw_i18n_ngettext ((Msgid), (Plural), (N))
#undef g_dpgettext2
#define g_dpgettext2(Domain, Context, Msgid) lw_i18n_pgettext2 ((Context), (Msgid))
