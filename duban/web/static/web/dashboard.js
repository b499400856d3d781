// Dashboard charts: every bar and slice opens the ledger filtered to what it counts.
(function () {
  "use strict";
  function draw() {
    var data = JSON.parse(document.getElementById("chart-data").textContent);
    var colors = { red: "#b1121b", yellow: "#c98a00", green: "#1f8a3b", none: "#aab2bb", waiting: "#8a6fb0", done: "#6b7785" };
    var charts = [];
    function chart(id, option, onClick) {
      var el = document.getElementById(id);
      if (!el || !window.echarts) return;
      var c = echarts.init(el);
      c.setOption(Object.assign({ animation: false, tooltip: { trigger: "item" } }, option));
      if (onClick) c.on("click", onClick);
      charts.push(c);
    }
    function go(url) { if (url) window.location.href = url; }

    chart("chart-status", {
      grid: { left: 8, right: 30, top: 10, bottom: 30, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: data.statuses.map(function (s) { return s.name; }) },
      series: [{ type: "bar", data: data.statuses.map(function (s) { return { value: s.value, url: s.url }; }),
                 itemStyle: { color: "#1d4f91" }, label: { show: true, position: "right" } }]
    }, function (p) { go(p.data.url); });

    var lights = ["red", "yellow", "green", "none", "waiting", "done"];
    // A phone is ~360px wide: legends scroll instead of wrapping over the bars, and every unit
    // keeps a readable row (the chart grows with the number of units).
    var narrow = document.documentElement.clientWidth < 600;
    var units = document.getElementById("chart-units");
    if (units) units.style.height = Math.max(300, 24 * data.units.length + 70) + "px";
    chart("chart-units", {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 20, top: 34, bottom: 20, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: data.units.map(function (u) { return u.name; }) },
      series: lights.map(function (l) {
        return { name: data.labels[l], type: "bar", stack: "all", itemStyle: { color: colors[l] },
                 data: data.units.map(function (u) { return { value: u[l], unit: u.id, light: l }; }) };
      })
    }, function (p) { go(data.unit_url.replace("__light__", p.data.light).replace("__unit__", p.data.unit)); });

    chart("chart-topics", {
      series: [{ type: "pie", radius: narrow ? ["25%", "50%"] : ["35%", "70%"], labelLayout: { hideOverlap: true },
                 label: { formatter: "{b} {c}", overflow: "break", width: narrow ? 64 : 140,
                          alignTo: narrow ? "edge" : "none", edgeDistance: 4 },
                 data: data.topics.map(function (t) { return { name: t.name, value: t.value, url: t.url }; }) }]
    }, function (p) { go(p.data.url); });

    chart("chart-trend", {
      tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 40, right: 20, top: 30, bottom: 30 },
      xAxis: { type: "category", data: data.trend.weeks.map(function (w) { return w.slice(5); }) },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ name: data.labels.assigned, type: "line", data: data.trend.assigned, itemStyle: { color: "#1d4f91" } },
               { name: data.labels.closed, type: "line", data: data.trend.closed, itemStyle: { color: "#1f8a3b" } }]
    }, function (p) { go(data.trend.urls[p.seriesIndex][p.dataIndex]); });

    if (data.stages) {
      chart("chart-stages", {
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { left: 40, right: 20, top: 24, bottom: 30 },
        xAxis: { type: "category", data: data.stages.map(function (s) { return s.label; }),
                 axisLabel: { interval: 0, width: 70, overflow: "break" } },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ name: data.labels.projects, type: "bar", itemStyle: { color: "#1d4f91" }, label: { show: true, position: "top" },
                   data: data.stages.map(function (s) { return { value: s.count, url: s.url }; }) }]
      }, function (p) { go(p.data.url); });
    }

    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
