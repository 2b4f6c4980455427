/**
 * The script that turns the page's embedded data (`zoom-data.ts`) into the zoomable timeline:
 * two uPlot charts, the policy's and the baseline's, sharing one time axis. Dragging across
 * either zooms both; a double-click shows the whole run again. Alarm and unserved lanes sit
 * above each plot, trace gaps are shaded, scheduled firings are dashed lines, all drawn by
 * uPlot hooks on its canvas. Plain browser JavaScript, kept as text: it runs in the page only.
 *
 * For the browser test, `window.scalerTimeline` holds the charts and reads the shown range.
 */
export const ZOOM_SCRIPT = String.raw`(function () {
  'use strict';
  var source = document.getElementById('zoom-data');
  var host = document.getElementById('timeline-zoom');
  if (!source || !host || typeof uPlot !== 'function') return;
  var d = JSON.parse(source.textContent);
  var n = d.count;
  var ratio = uPlot.pxRatio;
  var LANE = 14;
  var DASH = { oracle: [2, 3], desired: [6, 3], baselineDesired: [6, 3], forecastFloor: [1, 3] };
  var stepped = uPlot.paths.stepped({ align: 1 });

  // One x more than steps: the last step is drawn to its end, as in the SVG.
  var xs = new Array(n + 1);
  for (var i = 0; i <= n; i++) xs[i] = (d.t0 + i * d.stepMs) / 1000;
  function expand(runs) {
    var out = new Array(n + 1), at = 0;
    for (var k = 0; k < runs.length; k += 2) for (var j = 0; j < runs[k + 1]; j++) out[at++] = runs[k];
    out[n] = out[n - 1];
    return out;
  }
  var demand = new Array(n + 1);
  for (var s = 0; s < n; s++) demand[s] = d.demand[s] / d.perStep;
  demand[n] = demand[n - 1];

  function iso(seconds) { return new Date(seconds * 1000).toISOString(); }
  function timeLabels(u, splits, axis, space, incr) {
    return splits.map(function (t) {
      return incr >= 86400 || t % 86400 === 0 ? iso(t).slice(5, 10) : iso(t).slice(11, 16);
    });
  }
  function number(u, v) { return v == null ? '—' : String(Math.round(v * 100) / 100); }
  function visibleRuns(u, runs, each) {
    var left = u.bbox.left, right = left + u.bbox.width, at = 0;
    for (var k = 0; k < runs.length; k += 2) {
      var from = at;
      at += runs[k + 1];
      if (!runs[k]) continue;
      var x0 = Math.max(left, u.valToPos(xs[from], 'x', true));
      var x1 = Math.min(right, u.valToPos(xs[at], 'x', true));
      if (x1 >= left && x0 <= right) each(runs[k], x0, Math.max(x1 - x0, ratio));
    }
  }
  function label(ctx, text, x, y) {
    ctx.font = '600 ' + 10 * ratio + 'px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    // On a white plate: a name over red and green runs would not read.
    ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
    ctx.fillRect(x - 3 * ratio, y - 6 * ratio, ctx.measureText(text).width + 6 * ratio, 12 * ratio);
    ctx.fillStyle = '#0f172a';
    ctx.fillText(text, x, y);
  }
  function drawGaps(u) {
    u.ctx.fillStyle = d.colours.gap;
    visibleRuns(u, d.gaps, function (v, x, w) { u.ctx.fillRect(x, u.bbox.top, w, u.bbox.height); });
  }
  function drawLanes(u, lanes) {
    var ctx = u.ctx, h = LANE * ratio;
    lanes.forEach(function (lane, k) {
      var top = u.bbox.top - (lanes.length - k) * h - 2 * ratio;
      // ALARM last: a minute in ALARM stays visible when a pixel holds many steps.
      [1, 3, 2].forEach(function (state) {
        if (!lane.colours[state]) return;
        ctx.fillStyle = lane.colours[state];
        visibleRuns(u, lane.runs, function (v, x, w) { if (v === state) ctx.fillRect(x, top, w, h - 4 * ratio); });
      });
      label(ctx, lane.name, u.bbox.left + 6 * ratio, top + (h - 4 * ratio) / 2);
    });
  }
  function drawMarkers(u) {
    var ctx = u.ctx, min = u.scales.x.min, max = u.scales.x.max;
    var shown = d.markers.filter(function (m) { return m[0] / 1000 >= min && m[0] / 1000 <= max; });
    ctx.save();
    ctx.strokeStyle = d.colours.marker;
    ctx.lineWidth = ratio;
    ctx.setLineDash([4 * ratio, 3 * ratio]);
    ctx.globalAlpha = shown.length > 16 ? 0.35 : 1;
    shown.forEach(function (m) {
      var x = Math.round(u.valToPos(m[0] / 1000, 'x', true));
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
    });
    ctx.restore();
    // Names only when few are in view, or they would write over one another.
    if (shown.length <= 16) shown.forEach(function (m) {
      label(u.ctx, m[1], u.valToPos(m[0] / 1000, 'x', true) + 3 * ratio, u.bbox.top + 10 * ratio);
    });
  }

  var charts = [];
  var syncing = false;
  function panelChart(panel, width) {
    var series = [{ label: 'UTC', value: function (u, t) { return t == null ? '—' : iso(t).slice(0, 16).replace('T', ' '); } },
      { label: d.demandLabel, stroke: d.colours.demand, fill: d.colours.demand, width: 1, paths: stepped,
        points: { show: false }, scale: d.demandOnInstanceAxis ? 'y' : 'demand', value: number }];
    var data = [xs, demand];
    panel.series.forEach(function (line) {
      series.push({ label: line.label, stroke: d.colours[line.key], width: 1.6, dash: DASH[line.key],
        paths: stepped, points: { show: false }, value: number });
      data.push(expand(line.runs));
    });
    var axes = [
      { stroke: '#64748b', values: timeLabels, grid: { stroke: '#e2e8f0', width: 1 }, ticks: { stroke: '#cbd5e1', width: 1 } },
      { scale: 'y', stroke: '#64748b', label: 'instances', grid: { stroke: '#e2e8f0', width: 1 }, ticks: { show: false } },
    ];
    var scales = { x: { time: true }, y: { range: [0, d.yTop] } };
    if (!d.demandOnInstanceAxis) {
      scales.demand = { range: [0, d.demandTop] };
      axes.push({ scale: 'demand', side: 1, stroke: '#64748b', label: d.demandLabel, grid: { show: false } });
    }
    return new uPlot({
      title: panel.title,
      width: width,
      height: 260 + panel.lanes.length * LANE,
      padding: [panel.lanes.length * LANE + 6, null, null, null],
      tzDate: function (t) { return uPlot.tzDate(new Date(t * 1000), 'Etc/UTC'); },
      series: series,
      axes: axes,
      scales: scales,
      cursor: { drag: { x: true, y: false, setScale: true }, sync: { key: 'scaler-timeline' } },
      hooks: {
        drawClear: [drawGaps],
        draw: [function (u) { drawLanes(u, panel.lanes); drawMarkers(u); }],
        // Zooming one panel zooms the other: the two stay one time axis.
        setScale: [function (u, key) {
          if (key !== 'x' || syncing) return;
          syncing = true;
          charts.forEach(function (other) {
            if (other !== u) other.setScale('x', { min: u.scales.x.min, max: u.scales.x.max });
          });
          syncing = false;
        }],
      },
    }, data, host);
  }

  var fallback = document.getElementById('timeline-static');
  if (fallback) fallback.hidden = true;
  host.hidden = false;
  var width = Math.max(600, Math.min(1100, host.clientWidth));
  d.panels.forEach(function (panel) { charts.push(panelChart(panel, width)); });
  window.scalerTimeline = {
    charts: charts,
    range: function () { return { min: charts[0].scales.x.min, max: charts[0].scales.x.max }; },
  };
})();
`;
