// yjsreport dashboard: draws the charts whose ECharts options the page carries as JSON.
// This script is fixed (embedded in the Go binary); it never builds code from data. Every data
// string it puts into HTML (the tooltip) goes through esc first.
(function () {
  "use strict";
  var specs = JSON.parse(document.getElementById("yjs-chart-options").textContent);

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // tooltipText lists every series at the category: value, n, 95% interval, provisional.
  // Band and whisker series (ids "band-…") only draw intervals and are left out.
  function tooltipText(ps) {
    if (!Array.isArray(ps)) ps = [ps];
    var head = "", rows = [];
    ps.forEach(function (p) {
      if (String(p.seriesId).indexOf("band-") === 0) return;
      if (!head) head = '<div class="tt-h">' + esc(p.name) + "</div>";
      var d = p.data || {};
      var r = p.marker + esc(p.seriesName) + ": <b>" + esc(d.txt == null ? "n/a" : d.txt) + "</b>";
      if (d.prov) r += ' <span class="tt-m">(provisional)</span>';
      var m = [];
      if (d.n) m.push("n = " + esc(d.n));
      if (d.ci) m.push("95% interval " + esc(d.ci));
      if (m.length) r += '<div class="tt-m">' + m.join(" · ") + "</div>";
      rows.push('<div class="tt-r">' + r + "</div>");
    });
    return head + rows.join("");
  }

  // whiskers draws the 95% interval of each bar of one bar series as an I-shape, placed the
  // way ECharts lays out grouped bars (barCategoryGap 20%, barGap 30%, barMaxWidth).
  function whiskers(s, state) {
    return function (params, api) {
      var visible = state.bars.filter(function (b) { return state.selected[b.name] !== false; });
      var k = visible.length;
      var idx = visible.indexOf(state.bars[s.yjsWhisker - 1]);
      if (idx < 0 || k === 0) return null;
      var x = api.value(0);
      var pLo = api.coord([x, api.value(1)]);
      var pHi = api.coord([x, api.value(2)]);
      var band = api.size([1, 0])[0];
      var bw = Math.min((band * 0.8) / (k + 0.3 * (k - 1)), state.maxWidth);
      var group = k * bw + (k - 1) * 0.3 * bw;
      var cx = pLo[0] - group / 2 + idx * 1.3 * bw + bw / 2;
      var cap = Math.max(3, bw * 0.2);
      var style = { stroke: "#0b0c0c", lineWidth: 1.5, fill: null };
      return {
        type: "group",
        children: [
          { type: "line", shape: { x1: cx, y1: pLo[1], x2: cx, y2: pHi[1] }, style: style },
          { type: "line", shape: { x1: cx - cap, y1: pLo[1], x2: cx + cap, y2: pLo[1] }, style: style },
          { type: "line", shape: { x1: cx - cap, y1: pHi[1], x2: cx + cap, y2: pHi[1] }, style: style }
        ]
      };
    };
  }

  // fitLabels lets each category label take its share of the chart's width before wrapping
  // (ECharts breaks at spaces), and moves the x-axis name below however many lines that
  // makes, so the two never overlap.
  var measure = document.createElement("canvas").getContext("2d");
  function lineCount(text, width) {
    var words = String(text).split(/\s+/), lines = 1, cur = 0, space = measure.measureText(" ").width;
    words.forEach(function (w) {
      var ww = measure.measureText(w).width;
      if (cur > 0 && cur + space + ww > width) { lines++; cur = ww; } else { cur += (cur > 0 ? space : 0) + ww; }
      if (ww > width) lines += Math.floor(ww / width);
    });
    return lines;
  }
  function fitLabels(opt, el) {
    var n = Math.max(1, opt.xAxis.data.length);
    var width = Math.max(36, Math.floor((el.clientWidth - 80) / n) - 8);
    opt.xAxis.axisLabel.width = width;
    measure.font = "12px " + opt.textStyle.fontFamily;
    var lines = 1;
    opt.xAxis.data.forEach(function (c) { lines = Math.max(lines, lineCount(c, width)); });
    if (opt.xAxis.name) {
      opt.xAxis.nameGap = 8 + lines * (opt.xAxis.axisLabel.lineHeight || 14) + 10;
    }
  }

  var plots = document.querySelectorAll(".plot");
  if (typeof echarts === "undefined") {
    // Offline without the embedded library: say so where each chart would be; the tables
    // under each chart still hold every figure.
    Array.prototype.forEach.call(plots, function (el) {
      el.classList.add("plot-missing");
      el.textContent = "The interactive chart needs ECharts, which could not be loaded (no internet connection?). The figures are in the table below.";
    });
    return;
  }

  var charts = [];
  specs.forEach(function (c) {
    var el = document.getElementById(c.el);
    if (!el) return;
    var opt = c.option;
    opt.tooltip.formatter = tooltipText;
    var state = { selected: {}, bars: [], maxWidth: 56 };
    opt.series.forEach(function (s) {
      if (s.type === "bar") {
        state.bars.push(s);
        if (s.barMaxWidth) state.maxWidth = s.barMaxWidth;
      }
    });
    opt.series.forEach(function (s) {
      if (s.type === "custom") s.renderItem = whiskers(s, state);
    });
    fitLabels(opt, el);
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.on("legendselectchanged", function (e) { state.selected = e.selected; });
    chart.on("finished", function () { el.setAttribute("data-drawn", "1"); });
    chart.setOption(opt);
    charts.push({ chart: chart, el: el, opt: opt });
  });
  var pending = 0;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      charts.forEach(function (c) {
        fitLabels(c.opt, c.el);
        c.chart.setOption({ xAxis: { axisLabel: { width: c.opt.xAxis.axisLabel.width }, nameGap: c.opt.xAxis.nameGap } });
        c.chart.resize();
      });
    }, 100);
  });
})();
