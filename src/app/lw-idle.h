/* lw-idle.h: the priorities of the app's own idle work
 *
 * GLib dispatches every ready source of the highest ready priority in one
 * main-loop turn, and an idle is always ready: idles of one priority add up
 * to one long turn.  Each kind of idle work has a priority of its own, so
 * that a turn runs one of them and the frames come in between.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* the roster made after unlock: before the first frame (GTK's redraw is at
 * G_PRIORITY_HIGH_IDLE + 20), in a turn after the unlock's own */
#define LW_PRIORITY_ROSTER G_PRIORITY_HIGH_IDLE

/* the roster's rows read on after the first screen, the list on screen */
#define LW_PRIORITY_ROWS (G_PRIORITY_LOW - 20)

/* the sections not shown yet, made one an idle after unlock */
#define LW_PRIORITY_FILL (G_PRIORITY_LOW - 10)

/* letters drawn ahead (lw-glyphs, the slide's card sizes): when nothing
 * else is waiting */
#define LW_PRIORITY_WARM G_PRIORITY_LOW
