// yjsreport dashboard: draws the charts whose ECharts options (built with go-echarts) the page
// carries as JSON. This script is fixed (embedded in the Go binary); it never builds code from
// data. It owns every formatter: each data string it puts into HTML (tooltips) goes through
// esc first, and the texts it shows come ready-made from the page (meta.tips).
(function () {
  "use strict";
  var specs = JSON.parse(document.getElementById("yjs-chart-options").textContent);
  var font = window.getComputedStyle(document.body).fontFamily;

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function tipOf(meta, p) {
    var t = meta.tips[p.seriesId];
    return t ? t[p.dataIndex] : null;
  }

  // tooltipFor lists every series at the category: value, n, 95% interval, provisional.
  // Band and whisker series have no texts of their own and are left out.
  function tooltipFor(meta) {
    return function (ps) {
      if (!Array.isArray(ps)) ps = [ps];
      var head = "", rows = [];
      ps.forEach(function (p) {
        var d = tipOf(meta, p);
        if (!d) return;
        if (!head) head = '<div class="tt-h">' + esc(p.name) + "</div>";
        var r = p.marker + esc(p.seriesName) + ": <b>" + esc(d.t) + "</b>";
        if (d.p) r += ' <span class="tt-m">(provisional)</span>';
        var m = [];
        if (d.n) m.push("n = " + esc(d.n));
        if (d.ci) m.push("95% interval " + esc(d.ci));
        if (m.length) r += '<div class="tt-m">' + m.join(" · ") + "</div>";
        rows.push('<div class="tt-r">' + r + "</div>");
      });
      return head + rows.join("");
    };
  }

  // whiskers draws the 95% interval of each bar of one bar series as an I-shape, placed the
  // way ECharts lays out grouped bars (barCategoryGap 20%, barGap 30%, barMaxWidth).
  function whiskers(barId, state, horiz) {
    return function (params, api) {
      var visible = state.bars.filter(function (b) { return state.selected[b.name] !== false; });
      var k = visible.length;
      var idx = -1;
      visible.forEach(function (b, i) { if (b.id === barId) idx = i; });
      if (idx < 0 || k === 0) return null;
      var cat = api.value(0);
      var pLo = horiz ? api.coord([api.value(1), cat]) : api.coord([cat, api.value(1)]);
      var pHi = horiz ? api.coord([api.value(2), cat]) : api.coord([cat, api.value(2)]);
      var band = horiz ? api.size([0, 1])[1] : api.size([1, 0])[0];
      var bw = Math.min((band * 0.8) / (k + 0.3 * (k - 1)), state.maxWidth);
      var group = k * bw + (k - 1) * 0.3 * bw;
      var off = -group / 2 + idx * 1.3 * bw + bw / 2;
      var cap = Math.max(3, bw * 0.2);
      var style = { stroke: "#0b0c0c", lineWidth: 1.5, fill: null };
      var lines = horiz
        ? [[pLo[0], pLo[1] + off, pHi[0], pHi[1] + off], [pLo[0], pLo[1] + off - cap, pLo[0], pLo[1] + off + cap],
           [pHi[0], pHi[1] + off - cap, pHi[0], pHi[1] + off + cap]]
        : [[pLo[0] + off, pLo[1], pHi[0] + off, pHi[1]], [pLo[0] + off - cap, pLo[1], pLo[0] + off + cap, pLo[1]],
           [pHi[0] + off - cap, pHi[1], pHi[0] + off + cap, pHi[1]]];
      return {
        type: "group",
        children: lines.map(function (l) {
          return { type: "line", shape: { x1: l[0], y1: l[1], x2: l[2], y2: l[3] }, style: style };
        })
      };
    };
  }

  // Category labels wrap at spaces and never inside a word: ECharts breaks a word that is
  // wider than the label's width, so the width is never less than the longest word.
  var measure = document.createElement("canvas").getContext("2d");
  function width(s) { return measure.measureText(s).width; }
  function words(s) { return String(s).split(/\s+/).filter(function (w) { return w; }); }
  function longestWord(labels) {
    var w = 0;
    labels.forEach(function (l) { words(l).forEach(function (x) { w = Math.max(w, width(x)); }); });
    return Math.ceil(w) + 4;
  }
  function lineCount(text, w) {
    var lines = 1, cur = 0, space = width(" ");
    words(text).forEach(function (x) {
      var xw = width(x);
      if (cur > 0 && cur + space + xw > w) { lines++; cur = xw; } else { cur += (cur > 0 ? space : 0) + xw; }
    });
    return lines;
  }

  // fit sizes a chart's category labels to its element's real width: beside vertical bars
  // and lines each label takes its share of the width, or stands at 45° when a word would
  // not fit; down the side of horizontal bars labels take up to 42% of the width, and the
  // chart grows tall enough for every label's lines.
  function fit(c, el) {
    var opt = c.option, meta = c.meta;
    if (meta.spark) return null;
    var cat = meta.horiz ? opt.yAxis[0] : opt.xAxis[0];
    var cats = cat.data || [];
    measure.font = "12px " + font;
    var lw = longestWord(cats), W = el.clientWidth;
    var upd = { axisLabel: { interval: 0, lineHeight: 14 } };
    if (meta.horiz) {
      var w = Math.max(lw, Math.min(Math.floor(W * 0.42), 300));
      upd.axisLabel.width = w;
      // The labels' room is set, not measured by ECharts (containLabel cuts off the start of
      // a long label down the side).
      opt.grid[0].containLabel = false;
      opt.grid[0].left = w + 18;
      opt.grid[0].bottom = 28;
      upd.grid = opt.grid;
      var stacked = opt.series.some(function (s) { return s.stack; });
      var bars = stacked ? 1 : meta.bars.length;
      var h = 56;
      cats.forEach(function (x) { h += Math.max(lineCount(x, w) * 15, bars * 16) + 14; });
      el.style.height = Math.max(160, h) + "px";
    } else {
      var share = Math.floor((W - 70) / Math.max(1, cats.length)) - 8;
      upright(c, share);
      if (lw <= share) {
        upd.axisLabel.width = share;
        upd.axisLabel.rotate = 0;
        opt.grid[0].left = 8;
      } else {
        upd.axisLabel.width = Math.max(lw, Math.min(140, Math.floor(W * 0.4)));
        upd.axisLabel.rotate = 45;
        // The first label leans left past the value axis' labels: leave it room.
        opt.grid[0].left = Math.ceil(0.71 * Math.min(width(cats[0] || ""), upd.axisLabel.width));
      }
      upd.grid = opt.grid;
    }
    Object.keys(upd.axisLabel).forEach(function (k) { cat.axisLabel[k] = upd.axisLabel[k]; });
    var grid = upd.grid;
    delete upd.grid;
    if (meta.horiz) return { yAxis: [upd], grid: grid };
    return { xAxis: [upd], grid: grid, series: opt.series.filter(function (s) { return s.type === "bar"; }).map(function (s) {
      return { id: s.id, data: s.data };
    }) };
  }

  // upright stands the labels of hidden values ("<5", "suppressed") on end when one of them
  // is wider than its bar's share of the width, so that neighbours never run together.
  function upright(c, share) {
    var opt = c.option, meta = c.meta;
    var bars = opt.series.filter(function (s) { return s.type === "bar"; });
    var stacked = bars.some(function (s) { return s.stack; });
    var room = stacked ? share : share / Math.max(1, bars.length);
    measure.font = "11px " + font;
    var wide = false;
    bars.forEach(function (s) {
      (s.data || []).forEach(function (d, i) {
        var t = (meta.tips[s.id] || [])[i];
        if (d && d.label && t && width(t.t) > room - 2) wide = true;
      });
    });
    bars.forEach(function (s) {
      (s.data || []).forEach(function (d) {
        if (!d || !d.label) return;
        if (wide) {
          d.label.position = "insideBottom"; d.label.rotate = 90; d.label.align = "left";
          d.label.verticalAlign = "middle"; d.label.distance = 4;
        } else {
          d.label.position = "top"; d.label.rotate = 0; d.label.align = "center";
          d.label.verticalAlign = "bottom"; d.label.distance = 5;
        }
      });
    });
    measure.font = "12px " + font;
  }

  // finish gives a go-echarts option what only this script may: formatters, the page's
  // font, whisker drawing, and quiet interval bands.
  function finish(c, state) {
    var opt = c.option, meta = c.meta;
    opt.textStyle = { fontFamily: font };
    opt.tooltip.formatter = tooltipFor(meta);
    opt.tooltip.confine = true;
    // No sliding: a tooltip whose text changes while it slides stands out of its chart for
    // a moment, and a phone then scrolls sideways.
    opt.tooltip.transitionDuration = 0;
    // On a phone a tooltip may be wider than its chart; it wraps instead, so that it can be
    // kept inside (ECharts' tooltip does not wrap by default).
    opt.tooltip.extraCssText = "white-space: normal; overflow-wrap: anywhere; max-width: " +
      Math.max(160, (document.getElementById(c.el) || document.body).clientWidth - 16) + "px;";
    var axisFmt = null;
    if (meta.div) axisFmt = function (v) { return Math.abs(v) + "%"; };
    else if (meta.pct) axisFmt = function (v) { return v + "%"; };
    var valAxes = meta.horiz ? opt.xAxis : opt.yAxis;
    if (axisFmt && valAxes) valAxes.forEach(function (a) { a.axisLabel = a.axisLabel || {}; a.axisLabel.formatter = axisFmt; });
    opt.series.forEach(function (s) {
      if (s.markLine) {
        s.markLine.silent = true;
        s.markLine.label = s.markLine.label || {};
        s.markLine.label.formatter = function (p) { return p.name; };
      }
      if (String(s.id).indexOf("band-") === 0) {
        s.silent = true;
        s.emphasis = { disabled: true };
      }
      if (s.type === "bar") {
        state.bars.push({ id: s.id, name: s.name });
        s.label = s.label || {};
        s.label.formatter = function (p) { var d = tipOf(meta, p); return d ? d.t : ""; };
      }
      if (s.type === "custom") {
        s.renderItem = whiskers((meta.whiskers || {})[s.id], state, meta.horiz);
        s.silent = true;
      }
    });
  }

  var plots = document.querySelectorAll(".plot, .spark");
  if (typeof echarts === "undefined") {
    // Offline without the embedded library: say so where each chart would be; the tables
    // under each chart still hold every figure.
    Array.prototype.forEach.call(plots, function (el) {
      el.classList.add("plot-missing");
      el.style.height = "auto";
      el.textContent = el.classList.contains("spark") ? "" :
        "The interactive chart needs ECharts, which could not be loaded (no internet connection?). The figures are in the table below.";
    });
    return;
  }

  var drawn = {};
  specs.forEach(function (c) {
    var el = document.getElementById(c.el);
    if (!el) return;
    var state = { selected: {}, bars: [], maxWidth: 56 };
    finish(c, state);
    fit(c, el);
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.on("legendselectchanged", function (e) { state.selected = e.selected; });
    chart.on("finished", function () { el.setAttribute("data-drawn", "1"); });
    chart.setOption(c.option);
    drawn[c.el] = { chart: chart, el: el, c: c };
  });

  // The legend is HTML (it wraps on a narrow screen); each entry toggles its series.
  Array.prototype.forEach.call(document.querySelectorAll(".legend"), function (ul) {
    var d = drawn[ul.getAttribute("data-for")];
    if (!d) return;
    Array.prototype.forEach.call(ul.querySelectorAll("button"), function (btn) {
      btn.addEventListener("click", function () {
        var on = btn.getAttribute("aria-pressed") !== "false";
        btn.setAttribute("aria-pressed", on ? "false" : "true");
        d.chart.dispatchAction({ type: "legendToggleSelect", name: btn.getAttribute("data-series") });
      });
    });
  });

  var pending = 0;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      Object.keys(drawn).forEach(function (k) {
        var d = drawn[k];
        var upd = fit(d.c, d.el);
        if (upd) d.chart.setOption(upd);
        d.chart.resize();
      });
    }, 100);
  });
})();
