// SeedCorr's stat-map viewer: three linked slices of a map over its background, drawn on canvases from data embedded
// in the page (no network). Click a slice to move the cut; the coordinate and value under the cursor are shown; the
// slider sets the threshold. window.seedcorrView exposes the state and the page geometry to tests.
(function () {
  "use strict";
  var spec = JSON.parse(document.getElementById("seedcorr-data").textContent);
  var PX_PER_MM = spec.pixelsPerMm;
  var CROSS = [64, 224, 64];

  function decode(b64) {
    var s = atob(b64), bytes = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    return bytes.buffer;
  }

  function invert(m) { // 4x4 row-major affine → its inverse (3x4 part)
    var a = m[0], b = m[1], c = m[2], d = m[4], e = m[5], f = m[6], g = m[8], h = m[9], k = m[10];
    var det = a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g);
    var r = [(e * k - f * h) / det, (c * h - b * k) / det, (b * f - c * e) / det,
             (f * g - d * k) / det, (a * k - c * g) / det, (c * d - a * f) / det,
             (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det];
    var t = [m[3], m[7], m[11]];
    return [r[0], r[1], r[2], -(r[0] * t[0] + r[1] * t[1] + r[2] * t[2]),
            r[3], r[4], r[5], -(r[3] * t[0] + r[4] * t[1] + r[5] * t[2]),
            r[6], r[7], r[8], -(r[6] * t[0] + r[7] * t[1] + r[8] * t[2])];
  }

  function volume(v, array) {
    return { shape: v.shape, inv: invert(v.affine), data: array };
  }

  // Nearest voxel at a world point (rounding half away from zero, as the figures), or -1 outside.
  function index(vol, x, y, z) {
    var m = vol.inv, s = vol.shape;
    var i = Math.round(m[0] * x + m[1] * y + m[2] * z + m[3]);
    var j = Math.round(m[4] * x + m[5] * y + m[6] * z + m[7]);
    var k = Math.round(m[8] * x + m[9] * y + m[10] * z + m[11]);
    if (i < 0 || j < 0 || k < 0 || i >= s[0] || j >= s[1] || k >= s[2]) return -1;
    return i + s[0] * (j + s[1] * k);
  }

  var stat = volume(spec.stat, new Int16Array(decode(spec.stat.data)));
  var background = spec.background ? volume(spec.background, new Uint8Array(decode(spec.background.data))) : null;
  var statScale = spec.stat.scale;
  var vmax = spec.vmax;
  var bounds = spec.bounds; // [[xmin, xmax], [ymin, ymax], [zmin, zmax]]
  var state = { cut: spec.cut.slice(), threshold: spec.threshold };

  function statValue(x, y, z) {
    var n = index(stat, x, y, z);
    if (n < 0) return NaN;
    var q = stat.data[n];
    return q === -32768 ? NaN : q * statScale;
  }

  // nilearn's cold_hot: matplotlib's hot for positive values, mirrored with red and blue swapped for negative ones.
  function coldHot(value) {
    var t = Math.max(-1, Math.min(1, value / vmax)), a = Math.abs(t);
    var red = a < 0.365079 ? 0.0416 + (1 - 0.0416) * a / 0.365079 : 1;
    var green = Math.max(0, Math.min(1, (a - 0.365079) / (0.746032 - 0.365079)));
    var blue = Math.max(0, Math.min(1, (a - 0.746032) / (1 - 0.746032)));
    var rgb = [Math.round(red * 255), Math.round(green * 255), Math.round(blue * 255)];
    return t >= 0 ? rgb : [rgb[2], rgb[1], rgb[0]];
  }

  function shown(value) {
    return !isNaN(value) && Math.fround(Math.abs(value)) > Math.fround(state.threshold);
  }

  // Each view: its plane's axes (across, up) and the axis it cuts.
  var views = [
    { id: "x", axis: 0, across: 1, up: 2 },
    { id: "y", axis: 1, across: 0, up: 2 },
    { id: "z", axis: 2, across: 0, up: 1 }
  ];
  views.forEach(function (v) {
    v.canvas = document.getElementById("view-" + v.id);
    v.canvas.width = Math.ceil((bounds[v.across][1] - bounds[v.across][0]) * PX_PER_MM);
    v.canvas.height = Math.ceil((bounds[v.up][1] - bounds[v.up][0]) * PX_PER_MM);
    v.context = v.canvas.getContext("2d");
  });

  function worldAt(v, px, py) { // canvas pixel (centre) → world point on the view's plane
    var w = state.cut.slice();
    w[v.across] = bounds[v.across][0] + (px + 0.5) / PX_PER_MM;
    w[v.up] = bounds[v.up][1] - (py + 0.5) / PX_PER_MM;
    return w;
  }

  function pixelOf(v, w) { // world point → canvas pixel
    return [Math.floor((w[v.across] - bounds[v.across][0]) * PX_PER_MM), Math.floor((bounds[v.up][1] - w[v.up]) * PX_PER_MM)];
  }

  function render(v) {
    var width = v.canvas.width, height = v.canvas.height;
    var image = v.context.createImageData(width, height), px = image.data;
    for (var r = 0; r < height; r++) {
      for (var c = 0; c < width; c++) {
        var w = worldAt(v, c, r), o = 4 * (r * width + c);
        var value = statValue(w[0], w[1], w[2]);
        var rgb;
        if (shown(value)) {
          rgb = coldHot(value);
        } else {
          var n = background ? index(background, w[0], w[1], w[2]) : -1;
          var g = n < 0 ? 0 : background.data[n];
          rgb = [g, g, g];
        }
        px[o] = rgb[0]; px[o + 1] = rgb[1]; px[o + 2] = rgb[2]; px[o + 3] = 255;
      }
    }
    var cross = pixelOf(v, state.cut);
    for (var y = 0; y < height; y++) setPixel(px, width, cross[0], y);
    for (var x = 0; x < width; x++) setPixel(px, width, x, cross[1]);
    v.context.putImageData(image, 0, 0);
    drawMarkers(v);
    v.context.fillStyle = "#fff";
    v.context.font = "14px DejaVu Sans, Arial, sans-serif";
    v.context.fillText("xyz"[v.axis] + "=" + Math.round(state.cut[v.axis]), 4, height - 6);
    if (v.id !== "x") {
      v.context.fillText("L", 4, 16);
      v.context.textAlign = "right"; v.context.fillText("R", width - 4, 16); v.context.textAlign = "left";
    }
  }

  function setPixel(px, width, x, y) {
    if (x < 0 || y < 0 || x >= width || y * width >= px.length / 4) return;
    var o = 4 * (y * width + x);
    px[o] = CROSS[0]; px[o + 1] = CROSS[1]; px[o + 2] = CROSS[2];
  }

  function drawMarkers(v) {
    (spec.markers || []).forEach(function (m) {
      var p = pixelOf(v, m);
      v.context.beginPath();
      v.context.arc(p[0] + 0.5, p[1] + 0.5, spec.markerSize / 2, 0, 2 * Math.PI);
      v.context.fillStyle = spec.markerColor;
      v.context.fill();
    });
  }

  function renderColorbar() {
    var canvas = document.getElementById("colorbar"), ctx = canvas.getContext("2d");
    var top = 20, barHeight = canvas.height - 40, left = 4, barWidth = 16;
    ctx.fillStyle = "#000"; ctx.fillRect(0, 0, canvas.width, canvas.height);
    for (var r = 0; r < barHeight; r++) {
      var value = vmax - (r + 0.5) / barHeight * 2 * vmax;
      var rgb = Math.fround(Math.abs(value)) <= Math.fround(state.threshold) ? [128, 128, 128] : coldHot(value);
      ctx.fillStyle = "rgb(" + rgb.join(",") + ")";
      ctx.fillRect(left, top + r, barWidth, 1);
    }
    ctx.fillStyle = "#fff"; ctx.font = "12px DejaVu Sans, Arial, sans-serif";
    [vmax, vmax / 2, 0, -vmax / 2, -vmax].forEach(function (t) {
      var y = top + (vmax - t) / (2 * vmax) * barHeight;
      ctx.fillRect(left + barWidth, Math.round(y), 4, 1);
      ctx.fillText(format(t), left + barWidth + 7, y + 4);
    });
  }

  function format(v) { return (Math.round(v * 100) / 100).toString(); }

  function renderAll() {
    views.forEach(render);
    renderColorbar();
    document.getElementById("cut").textContent = "cut: x=" + format(state.cut[0]) + " y=" + format(state.cut[1]) + " z=" + format(state.cut[2]);
  }

  function eventPixel(v, event) {
    var rect = v.canvas.getBoundingClientRect();
    return [(event.clientX - rect.left) * v.canvas.width / rect.width, (event.clientY - rect.top) * v.canvas.height / rect.height];
  }

  views.forEach(function (v) {
    v.canvas.addEventListener("click", function (event) {
      var p = eventPixel(v, event);
      state.cut = worldAt(v, Math.floor(p[0]), Math.floor(p[1]));
      renderAll();
    });
    v.canvas.addEventListener("mousemove", function (event) {
      var p = eventPixel(v, event), w = worldAt(v, Math.floor(p[0]), Math.floor(p[1]));
      var value = statValue(w[0], w[1], w[2]);
      document.getElementById("readout").textContent = "MNI x=" + format(w[0]) + " y=" + format(w[1]) + " z=" + format(w[2]) +
        "  value=" + (isNaN(value) ? "–" : value.toPrecision(4));
    });
  });

  var slider = document.getElementById("threshold");
  slider.value = Math.round(state.threshold / vmax * 1000);
  function showThreshold() { document.getElementById("threshold-value").textContent = format(state.threshold); }
  slider.addEventListener("input", function () {
    state.threshold = slider.value / 1000 * vmax;
    showThreshold();
    renderAll();
  });

  document.getElementById("title").textContent = spec.title || "";
  showThreshold();
  renderAll();

  window.seedcorrView = {
    state: state,
    // Where a world point is drawn in view "x", "y" or "z", in page (CSS) pixels: for tests and scripts.
    pagePoint: function (id, x, y, z) {
      var v = views.filter(function (q) { return q.id === id; })[0], rect = v.canvas.getBoundingClientRect();
      var p = pixelOf(v, [x, y, z]);
      return { x: rect.left + (p[0] + 0.5) * rect.width / v.canvas.width, y: rect.top + (p[1] + 0.5) * rect.height / v.canvas.height };
    },
    value: statValue,
    ready: true
  };
})();
