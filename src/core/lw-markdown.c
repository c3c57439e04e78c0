/* lw-markdown.c: documents as Markdown (CommonMark)
 *
 * Text from the program is escaped so that it reads as text: a name with an
 * asterisk or a note that starts with "#" stays what it is.  The redisclosure
 * notice follows every section (agenda item) that carries substance-use
 * information, as a block quote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-markdown"

#include "config.h"

#include "lw-i18n-private.h"
#include <sodium.h>
#include <string.h>

#include "lw/lw-policy.h"
#include "lw/lw-vault.h"
#include "lw-export-private.h"

/* Escapes what CommonMark would read as markup inside a line; line breaks become
 * spaces unless keep_breaks (then a hard break and the indent). */
typedef enum
{
  TEXT_INLINE      = 0,
  TEXT_BREAKS      = 1 << 0,   /* keep line breaks (hard breaks) */
  TEXT_LINE_START  = 1 << 1,   /* the text starts a block: escape block markers */
} TextFlags;

static void
append_text (GString    *s,
             const char *text,
             const char *indent,
             TextFlags   flags)
{
  gboolean keep_breaks = (flags & TEXT_BREAKS) != 0;
  gboolean line_start = (flags & TEXT_LINE_START) != 0;

  for (const char *c = text; *c; c++)
    {
      char prev = c > text ? c[-1] : ' ';
      char next = c[1];

      if (*c == '\r')
        continue;
      if (*c == '\n')
        {
          if (keep_breaks)
            {
              g_string_append (s, "\\\n");
              g_string_append (s, indent);
              line_start = TRUE;
            }
          else
            g_string_append_c (s, ' ');
          continue;
        }
      if (line_start)
        {
          /* block markers at the start of a line */
          const char *digits = c;

          while (g_ascii_isdigit (*digits))
            digits++;
          if (strchr ("#>-+=", *c) != NULL ||
              (digits > c && (*digits == '.' || *digits == ')')))
            {
              if (digits > c)
                {
                  g_string_append_len (s, c, digits - c);
                  c = digits;
                }
              g_string_append_c (s, '\\');
              g_string_append_c (s, *c);
              line_start = FALSE;
              continue;
            }
          if (*c != ' ')
            line_start = FALSE;
        }
      switch (*c)
        {
        case '\\':
        case '*':
        case '`':
        case '[':
        case ']':
        case '<':
        case '>':
        case '|':
        case '~':
          g_string_append_c (s, '\\');
          g_string_append_c (s, *c);
          break;
        case '_':
          /* intraword underscores are plain text in CommonMark */
          if (!g_ascii_isalnum (prev) || !g_ascii_isalnum (next))
            g_string_append_c (s, '\\');
          g_string_append_c (s, '_');
          break;
        default:
          g_string_append_c (s, *c);
          break;
        }
    }
}

static gboolean
is_list (LwBlockKind kind)
{
  return kind == LW_BLOCK_FIELD || kind == LW_BLOCK_BULLET;
}

static void
append_notice (GString *s)
{
  const char *translation = lw_policy_part2_notice_translation ();

  g_string_append (s, "> **");
  g_string_append (s, lw_policy_part2_notice_title ());
  g_string_append (s, "** ");
  append_text (s, lw_policy_part2_notice (), "> ", TEXT_INLINE);
  g_string_append (s, "\n");
  if (translation != NULL)
    {
      g_string_append (s, ">\n> *");
      append_text (s, lw_policy_part2_notice_translation_label (), "> ", TEXT_INLINE);
      g_string_append (s, "* ");
      append_text (s, translation, "> ", TEXT_INLINE);
      g_string_append (s, "\n");
    }
  g_string_append (s, "\n");
}

/* Whether blocks from start up to the next heading or item carry Part 2. */
static gboolean
section_has_part2 (const LwDocument *document,
                   guint             start)
{
  for (guint i = start; i < document->blocks->len; i++)
    {
      const LwBlock *block = g_ptr_array_index (document->blocks, i);

      if (i > start && (block->kind == LW_BLOCK_HEADING || block->kind == LW_BLOCK_ITEM))
        break;
      if (block->part2)
        return TRUE;
    }
  return FALSE;
}

static char *
document_to_markdown_unlocalized (const LwDocument *document)
{
  GString *s = g_string_new (NULL);
  g_autofree char *audience = NULL;
  LwBlockKind previous = LW_BLOCK_HEADING;
  gboolean pending_notice = FALSE;
  char *out;

  g_return_val_if_fail (document != NULL, NULL);

  g_string_append (s, "# ");
  append_text (s, document->title, "", TEXT_INLINE);
  g_string_append (s, "\n\n");
  if (document->program)
    {
      g_string_append_printf (s, "**%s** ", _("Program:"));
      append_text (s, document->program, "", TEXT_INLINE);
      g_string_append (s, "\\\n");
    }
  if (document->subtitle)
    {
      append_text (s, document->subtitle, "", TEXT_LINE_START);
      g_string_append (s, "\\\n");
    }
  audience = lw_document_dup_audience_line (document);
  g_string_append (s, "**");
  append_text (s, audience, "", TEXT_INLINE);
  g_string_append (s, "**\n\n");

  for (guint i = 0; i < document->blocks->len; i++)
    {
      const LwBlock *block = g_ptr_array_index (document->blocks, i);
      const char *indent = block->depth > 0 ? "  " : "";

      if (block->kind == LW_BLOCK_NOTICE)
        continue;
      if (block->kind == LW_BLOCK_HEADING || block->kind == LW_BLOCK_ITEM)
        {
          /* close the section before: its notice goes right after it */
          if (is_list (previous))
            g_string_append_c (s, '\n');
          if (pending_notice)
            append_notice (s);
          pending_notice = section_has_part2 (document, i);
          g_string_append (s, block->kind == LW_BLOCK_HEADING ? "## " : "### ");
          append_text (s, block->text, "", TEXT_INLINE);
          g_string_append (s, "\n\n");
          previous = block->kind;
          continue;
        }
      if (!is_list (block->kind) && is_list (previous))
        g_string_append_c (s, '\n');
      if (block->kind != LW_BLOCK_ROW && previous == LW_BLOCK_ROW)
        g_string_append_c (s, '\n');

      switch (block->kind)
        {
        case LW_BLOCK_ROW:
          {
            g_auto(GStrv) cells = g_strsplit (block->text, "\t", -1);
            guint n = g_strv_length (cells);

            g_string_append (s, "|");
            for (guint c = 0; c < n; c++)
              {
                g_string_append_c (s, ' ');
                append_text (s, cells[c], "", TEXT_INLINE);
                g_string_append (s, " |");
                sodium_memzero (cells[c], strlen (cells[c]));
              }
            g_string_append_c (s, '\n');
            /* the header's rule: numbers to the right */
            if (block->header)
              {
                g_string_append (s, "|");
                for (guint c = 0; c < n; c++)
                  g_string_append (s, c == 0 ? " --- |" : " ---: |");
                g_string_append_c (s, '\n');
              }
          }
          break;
        case LW_BLOCK_CHART:
          /* the chart's text alternative; the table follows it */
          if (*block->text != '\0')
            {
              g_string_append_c (s, '_');
              append_text (s, block->text, "", TEXT_INLINE);
              g_string_append (s, "_\n\n");
            }
          break;
        case LW_BLOCK_FIELD:
          g_string_append_printf (s, "%s- **", indent);
          append_text (s, block->label ? block->label : "", "", TEXT_INLINE);
          g_string_append (s, ":**");
          if (*block->text != '\0')
            {
              g_string_append_c (s, ' ');
              append_text (s, block->text, "", TEXT_INLINE);
            }
          g_string_append_c (s, '\n');
          break;
        case LW_BLOCK_BULLET:
          g_string_append_printf (s, "%s- ", indent);
          append_text (s, block->text, "", TEXT_LINE_START);
          g_string_append_c (s, '\n');
          break;
        case LW_BLOCK_NOTE:
          g_string_append_c (s, '_');
          append_text (s, block->text, "", TEXT_INLINE);
          g_string_append (s, "_\n\n");
          break;
        case LW_BLOCK_PARAGRAPH:
        default:
          if (block->depth > 0)
            {
              g_string_append (s, "    ");
              append_text (s, block->text, "    ", TEXT_BREAKS | TEXT_LINE_START);
            }
          else
            append_text (s, block->text, "", TEXT_BREAKS | TEXT_LINE_START);
          g_string_append (s, "\n\n");
          break;
        }
      previous = block->kind;
    }
  if (is_list (previous))
    g_string_append_c (s, '\n');
  if (pending_notice)
    append_notice (s);

  out = g_strndup (s->str, s->len);
  sodium_memzero (s->str, s->allocated_len);
  g_string_free (s, TRUE);
  return out;
}

char *
lw_document_to_markdown (const LwDocument *document)
{
  const char *previous;
  char *result;

  g_return_val_if_fail (document != NULL, NULL);

  /* written in its own language, whatever the app's */
  previous = lw_i18n_push (document->language);
  result = document_to_markdown_unlocalized (document);
  lw_i18n_pop (previous);
  return result;
}
