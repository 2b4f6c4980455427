/**
 * The timeline chart's geometry, in SVG user units: one place for it, so the chart, its
 * capacity panels and its lanes line up.
 */

/** Width of the whole chart. */
export const WIDTH = 1100;
/** Left edge of the plot area: room for the instance axis labels. */
export const LEFT = 56;
/** Right edge of the plot area: room for lane labels and the demand axis. */
export const RIGHT = WIDTH - 80;
/** Height of one capacity panel. */
export const PANEL = 210;
/** Height of one lane: an alarm band or a row of marker labels. */
export const LANE = 14;
/** Rows of scheduled-action labels above the panels. */
export const LABEL_ROWS = 3;
