/* lw-slide.h: paragraphs laid out to fill a screen, read from the back of a room
 *
 * A slide is a list of styled paragraphs: a heading that spans the width, then
 * groups (a label and its value, an action item and its owner, a section title
 * and what follows) that flow into one, two or three columns.  On every
 * allocation the slide picks the largest type, and the number of columns, at
 * which everything fits, never smaller than the floor it is given; text that
 * does not fit even then is cut short with an ellipsis, never drawn off the
 * screen.  Each paragraph is one PangoLayout shaped for the chosen width, kept
 * until the text or the size changes: measuring twice costs nothing.
 *
 * What is drawn is also the slide's accessible description, so a screen reader
 * (and a test) reads exactly what the room sees.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  LW_SLIDE_KIND,        /* "PARTICIPANT", above the heading */
  LW_SLIDE_HEADING,     /* the largest text, across the width */
  LW_SLIDE_SECTION,     /* "OPEN ACTION ITEMS": kept with what follows */
  LW_SLIDE_LABEL,       /* "Status": kept with its value */
  LW_SLIDE_TEXT,        /* a value */
  LW_SLIDE_PILL,        /* a reason, on a tinted background */
  LW_SLIDE_META,        /* an action item's owner and due date */
  LW_SLIDE_MARKED,      /* a field revealed for this item only */
  LW_SLIDE_DONE,        /* an agenda line already discussed */
  LW_SLIDE_NOW,         /* the agenda line being discussed */
  LW_SLIDE_NOTE,        /* a line of the break screen, centred */
  LW_N_SLIDE_STYLES
} LwSlideStyle;

#define LW_TYPE_SLIDE (lw_slide_get_type ())

G_DECLARE_FINAL_TYPE (LwSlide, lw_slide, LW, SLIDE, GtkWidget)

GtkWidget *lw_slide_new              (void);
/* Removes every paragraph. */
void       lw_slide_clear            (LwSlide      *self);
/* Starts a group: the paragraphs added until the next one stay in one column. */
void       lw_slide_begin_group      (LwSlide      *self);
void       lw_slide_add              (LwSlide      *self,
                                      LwSlideStyle  style,
                                      const char   *text);
/* Call after the paragraphs changed: lays them out again and says them to
 * assistive technology. */
void       lw_slide_commit           (LwSlide      *self);
/* No text is drawn smaller than px (a font size in pixels); the heading is at
 * least 1.4 times that. */
void       lw_slide_set_min_px       (LwSlide      *self,
                                      double        px);
double     lw_slide_get_min_px       (LwSlide      *self);
/* Centres everything (the break screen). */
void       lw_slide_set_centered     (LwSlide      *self,
                                      gboolean      centered);

/* The colour of a style's text and of what is drawn behind it (the slide's
 * background when the style has none), for the contrast test. */
void       lw_slide_style_colors     (LwSlideStyle  style,
                                      GdkRGBA      *foreground,
                                      GdkRGBA      *background);

/* for tests: after an allocation */
guint      _lw_slide_get_n_paragraphs (LwSlide     *self);
/* Where paragraph i is drawn, its font size in pixels, and whether it was cut
 * short (ellipsized or left out for want of room). */
gboolean   _lw_slide_get_paragraph    (LwSlide      *self,
                                       guint         i,
                                       graphene_rect_t *bounds,
                                       double       *px,
                                       gboolean     *cut);
guint      _lw_slide_get_n_columns    (LwSlide      *self);
/* How many times paragraphs were shaped since the slide was made. */
guint      _lw_slide_get_n_shaped     (LwSlide      *self);
/* Whether fonts of the sizes next to the last card's are still to be loaded
 * (an idle is pending), and whether style's font is loaded at steps ladder
 * steps from that card's size (TRUE for a step off the ladder). */
gboolean   _lw_slide_is_warming       (LwSlide      *self);
gboolean   _lw_slide_is_loaded        (LwSlide      *self,
                                       LwSlideStyle  style,
                                       int           steps);
/* How many fonts (a size and a weight) it has loaded ahead. */
guint      _lw_slide_get_n_loaded     (LwSlide      *self);

G_END_DECLS
