/* Taskflight HTML report: draws the data inlined in #data. No network. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('data').textContent);
  var LANE_H = 18, AXIS_H = 20, LABEL_W = 180;
  var BANDS = [[1, '#9ccc65', '< 1 ms'], [D.thresholds.longPollMs, '#fdd835', '< ' + fmt(D.thresholds.longPollMs)],
    [D.thresholds.criticalMs, '#fb8c00', '< ' + fmt(D.thresholds.criticalMs)],
    [Infinity, '#e53935', '\u2265 ' + fmt(D.thresholds.criticalMs)]];
  var timelines = [];

  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === 'text') { e.textContent = attrs[k]; } else if (k === 'cls') { e.className = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c !== null && c !== undefined) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); }
    }
    return e;
  }

  function fmt(ms) {
    if (ms < 0) { return '?'; }
    if (ms < 1) { return (ms * 1000).toFixed(ms < 0.01 ? 2 : 0) + ' \u00b5s'; }
    if (ms < 1000) { return (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)) + ' ms'; }
    return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
  }

  function color(ms) {
    for (var i = 0; i < BANDS.length; i++) { if (ms < BANDS[i][0]) { return BANDS[i][1]; } }
    return BANDS[BANDS.length - 1][1];
  }

  function badge(sev) { return el('span', {cls: 'badge ' + sev, text: sev}); }

  /* the class's simple name; a lambda's hidden-class suffix (+0x.../0x...) is dropped */
  function shortName(task) {
    if (!task) { return 'task'; }
    var t = task.replace(/[+\/]0x[0-9a-fA-F]+.*$/, '');
    return t.substring(t.lastIndexOf('.') + 1);
  }

  /* ---- header ---- */
  var r = D.recording;
  document.title = 'Taskflight report: ' + r.source.split(/[\\/]/).pop();
  document.getElementById('head').appendChild(el('div', null,
    el('h1', null, 'Taskflight report ', badge(D.verdict)),
    el('div', {cls: 'meta', text: r.source + ' \u2014 started ' + r.start + ' UTC, ' + fmt(r.windowMs) + ' drawn'
      + (r.truncated ? ' \u2014 damaged: analyzed up to the damage' : '')})));
  var main = document.getElementById('main');
  r.warnings.concat(r.notes).forEach(function (w) { main.appendChild(el('p', {cls: 'note', text: w})); });

  /* ---- verdict per pool ---- */
  main.appendChild(el('h2', null, 'Verdict per pool'));
  var vt = el('table', null, el('tr', null, el('th', {text: 'pool'}), el('th', {text: 'verdict'}),
    el('th', {text: 'findings'})));
  D.pools.forEach(function (p, i) {
    var ul = el('ul', {cls: 'findings'});
    p.findings.forEach(function (f) { ul.appendChild(el('li', null, badge(f.severity), ' ' + f.message)); });
    if (!p.findings.length) { ul.appendChild(el('li', {text: 'No findings.'})); }
    var a = el('a', {href: '#pool-' + i, text: p.name});
    vt.appendChild(el('tr', null, el('td', null, a, el('div', {cls: 'note', text: p.kind + (p.parallelism > 0
      ? ', parallelism ' + p.parallelism : '') + (p.instrumentation ? ', ' + p.instrumentation : '')})),
    el('td', null, badge(p.verdict)), el('td', null, ul)));
  });
  main.appendChild(vt);
  if (D.unseen.length) {
    var unseen = el('div', {cls: 'note unseen'});
    D.unseen.forEach(function (line) { unseen.appendChild(el('div', {text: line})); });
    main.appendChild(unseen);
  }
  D.otherFindings.forEach(function (f) { main.appendChild(el('p', null, badge(f.severity), ' ' + f.message)); });

  /* ---- worst-first lists ---- */
  var longRows = [], delayRows = [];
  D.pools.forEach(function (p, pi) {
    p.longPolls.forEach(function (lp) { longRows.push({pool: pi, lp: lp}); });
    (p.longDelays || []).forEach(function (d) { delayRows.push({pool: pi, d: d}); });
  });
  longRows.sort(function (a, b) { return b.lp.duration - a.lp.duration; });
  delayRows.sort(function (a, b) { return b.d.delay - a.d.delay; });
  var lt = el('table', {id: 'long-polls'}, el('tr', null, el('th', {text: 'duration'}), el('th', {text: 'pool / worker'}),
    el('th', {text: 'task'}), el('th', {text: 'what the JDK saw'})));
  longRows.slice(0, 200).forEach(function (row) {
    var lp = row.lp;
    var tr = el('tr', {cls: 'row long-poll-row'}, el('td', {cls: 'num', text: fmt(lp.duration)}),
      el('td', {text: D.pools[row.pool].name + ' / ' + lp.worker}), el('td', {cls: 'truncate', text: shortName(lp.task)}),
      el('td', {cls: 'truncate', text: lp.explanation}));
    tr.addEventListener('click', function () { jump(row.pool, lp.worker, lp.start, lp.duration); });
    lt.appendChild(tr);
  });
  var dt = el('table', {id: 'long-delays'}, el('tr', null, el('th', {text: 'delay'}), el('th', {text: 'pool / worker'}),
    el('th', {text: 'task'})));
  delayRows.slice(0, 200).forEach(function (row) {
    var tr = el('tr', {cls: 'row'}, el('td', {cls: 'num', text: fmt(row.d.delay)}),
      el('td', {text: D.pools[row.pool].name + ' / ' + row.d.worker}), el('td', {cls: 'truncate', text: shortName(row.d.task)}));
    tr.addEventListener('click', function () { jump(row.pool, row.d.worker, row.d.start, row.d.duration); });
    dt.appendChild(tr);
  });
  main.appendChild(el('div', {cls: 'lists'},
    el('div', null, el('h2', null, 'Long polls, worst first'), longRows.length ? lt : el('p', {text: 'No long polls.'})),
    el('div', null, el('h2', null, 'Long scheduling delays, worst first'), delayRows.length ? dt
      : el('p', {text: 'No scheduling delay of ' + fmt(D.thresholds.delayMs) + ' or more was measured.'}))));

  /* ---- per pool ---- */
  function pool(p, pi) {
    var sec = el('section', {id: 'pool-' + pi});
    sec.appendChild(el('h2', null, 'Pool ' + p.name, badge(p.verdict)));
    main.appendChild(sec);
    if (!p.queue) {
      sec.appendChild(el('p', {text: 'Nothing of this pool was recorded in the window drawn.'}));
      return;
    }
    if (p.lanes.length) {
      timeline(p, pi, sec);
    } else {
      sec.appendChild(el('p', {cls: 'note', text: 'No polls or parks of this pool were recorded in the window drawn.'}));
    }
    var charts = el('div', {cls: 'charts'});
    sec.appendChild(charts);
    queueChart(p, charts);
    delayChart(p, charts);
    if (p.longPolls.length) {
      breakdown(p, sec);
      flame(p, sec);
    } else {
      sec.appendChild(el('p', {cls: 'note', text: 'No long polls in this pool.'}));
    }
  }

  function timeline(p, pi, sec) {
    sec.appendChild(el('p', {cls: 'note', text: p.aggregated
      ? p.pollsSeen + ' polls: too many to draw one by one. The ' + (p.polls.length) + ' longest are drawn; the rest'
        + ' show as each worker\u2019s busy time (shaded) in ' + fmt(p.bucketMs) + ' buckets.'
      : 'All ' + p.pollsSeen + ' polls and ' + p.parksSeen + ' parks are drawn. Where polls are narrower than a pixel,'
        + ' a pixel shows the longest of them.'}));
    var legend = el('div', {cls: 'legend'});
    BANDS.forEach(function (b) { legend.appendChild(el('span', null, el('i', {style: 'background:' + b[1]}), 'poll ' + b[2])); });
    legend.appendChild(el('span', null, el('i', {style: 'background:#cfd8dc'}), 'park'));
    legend.appendChild(el('span', null, el('i', {style: 'background:#b71c1c'}), 'long poll \u25bc'));
    var canvas = el('canvas', {id: 'timeline-' + pi, cls: 'timeline-canvas'});
    var tl = new Timeline(p, pi, canvas);
    timelines[pi] = tl;
    var reset = el('button', {text: 'Reset zoom'});
    reset.addEventListener('click', function () { tl.view(0, D.recording.windowMs); });
    sec.appendChild(el('div', {cls: 'toolbar'}, reset, el('span', {cls: 'hint',
      text: 'Wheel to zoom, drag to pan, click a poll for details.'}), legend));
    sec.appendChild(el('div', {cls: 'timeline'}, canvas));
    tl.resize();
  }

  /* ---- the per-worker timeline ---- */
  function Timeline(p, pi, canvas) {
    this.p = p; this.pi = pi; this.canvas = canvas; this.t0 = 0; this.t1 = D.recording.windowMs;
    this.selected = null;
    var lanes = p.lanes.map(function () { return []; });
    p.polls.forEach(function (q) { lanes[q[0]].push(q); });
    this.byLane = lanes;
    var parks = p.lanes.map(function () { return []; });
    p.parks.forEach(function (q) { parks[q[0]].push(q); });
    this.parksByLane = parks;
    this.longByLane = {};
    var self = this;
    p.longPolls.forEach(function (lp) {
      var li = self.laneOf(lp.worker);
      if (li >= 0) { (self.longByLane[li] = self.longByLane[li] || []).push(lp); }
    });
    var drag = null;
    canvas.addEventListener('wheel', function (e) {
      e.preventDefault();
      var t = self.timeAt(e.offsetX), k = e.deltaY > 0 ? 1.25 : 0.8;
      self.view(t - (t - self.t0) * k, t + (self.t1 - t) * k);
    }, {passive: false});
    canvas.addEventListener('mousedown', function (e) { drag = {x: e.offsetX, t0: self.t0, t1: self.t1, moved: false}; });
    window.addEventListener('mouseup', function () { setTimeout(function () { drag = null; }, 0); });
    canvas.addEventListener('mousemove', function (e) {
      if (!drag) { return; }
      var dx = e.offsetX - drag.x;
      if (Math.abs(dx) > 2) { drag.moved = true; }
      var dt = dx / self.plotW() * (drag.t1 - drag.t0);
      self.view(drag.t0 - dt, drag.t1 - dt);
    });
    canvas.addEventListener('click', function (e) {
      if (drag && drag.moved) { return; }
      self.pick(e.offsetX, e.offsetY);
    });
    window.addEventListener('resize', function () { self.resize(); });
  }
  Timeline.prototype.laneOf = function (worker) {
    for (var i = 0; i < this.p.lanes.length; i++) { if (this.p.lanes[i].worker === worker) { return i; } }
    return -1;
  };
  Timeline.prototype.plotW = function () { return Math.max(10, this.w - LABEL_W); };
  Timeline.prototype.x = function (t) { return LABEL_W + (t - this.t0) / (this.t1 - this.t0) * this.plotW(); };
  Timeline.prototype.timeAt = function (x) { return this.t0 + (x - LABEL_W) / this.plotW() * (this.t1 - this.t0); };
  Timeline.prototype.view = function (a, b) {
    var span = Math.max(0.001, b - a);
    this.t0 = a; this.t1 = a + span;
    this.draw();
  };
  Timeline.prototype.resize = function () {
    var ratio = window.devicePixelRatio || 1;
    this.w = this.canvas.clientWidth || 800;
    this.h = AXIS_H + this.p.lanes.length * LANE_H + 4;
    this.canvas.width = Math.round(this.w * ratio);
    this.canvas.height = Math.round(this.h * ratio);
    this.canvas.style.height = this.h + 'px';
    this.ratio = ratio;
    this.draw();
  };
  Timeline.prototype.draw = function () {
    var c = this.canvas.getContext('2d'), self = this, p = this.p, W = this.plotW();
    c.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
    c.fillStyle = '#ffffff';
    c.fillRect(0, 0, this.w, this.h);
    c.font = '11px system-ui, sans-serif';
    c.textBaseline = 'middle';
    /* axis */
    c.fillStyle = '#5f6b7a';
    var step = niceStep((this.t1 - this.t0) / 8);
    for (var t = Math.ceil(this.t0 / step) * step; t <= this.t1; t += step) {
      var x = this.x(t);
      c.fillRect(x, AXIS_H - 5, 1, 5);
      c.fillText(fmt(t), x + 2, 8);
    }
    p.lanes.forEach(function (lane, li) {
      var y = AXIS_H + li * LANE_H;
      c.fillStyle = li % 2 ? '#fafbfc' : '#f1f4f7';
      c.fillRect(0, y, self.w, LANE_H);
      c.fillStyle = '#1d2330';
      c.fillText(('worker ' + lane.worker + (lane.thread ? ' ' + lane.thread : '')).substring(0, 30), 4, y + LANE_H / 2);
      /* busy time per bucket: all polls, drawn or not */
      if (p.aggregated) {
        var busy = p.busy[li];
        for (var b = 0; b < busy.length; b++) {
          if (busy[b] > 0) {
            var bx0 = self.x(b * p.bucketMs), bx1 = self.x((b + 1) * p.bucketMs);
            if (bx1 < LABEL_W || bx0 > LABEL_W + W) { continue; }
            c.fillStyle = 'rgba(92,107,192,' + (0.15 + 0.6 * busy[b]).toFixed(3) + ')';
            c.fillRect(Math.max(LABEL_W, bx0), y + 3, Math.max(1, bx1 - Math.max(LABEL_W, bx0)), LANE_H - 6);
          }
        }
      }
      c.fillStyle = '#cfd8dc';
      self.parksByLane[li].forEach(function (q) { self.rect(c, q[1], q[2], y + 6, LANE_H - 12, null); });
      /* polls: those narrower than a pixel share it, and the pixel shows the longest */
      var px = {};
      self.byLane[li].forEach(function (q) {
        var x0 = self.x(q[1]), x1 = self.x(q[1] + q[2]);
        if (x1 < LABEL_W || x0 > LABEL_W + W) { return; }
        if (x1 - x0 < 1) {
          var k = Math.floor(x0);
          if (!(px[k] >= q[2])) { px[k] = q[2]; }
        } else {
          c.fillStyle = color(q[2]);
          c.fillRect(Math.max(LABEL_W, x0), y + 2, Math.min(x1, LABEL_W + W) - Math.max(LABEL_W, x0), LANE_H - 4);
        }
      });
      Object.keys(px).forEach(function (k) { c.fillStyle = color(px[k]); c.fillRect(+k, y + 2, 1, LANE_H - 4); });
      (self.longByLane[li] || []).forEach(function (lp) {
        var lx = self.x(lp.start);
        if (lx < LABEL_W || lx > LABEL_W + W) { return; }
        c.fillStyle = '#b71c1c';
        c.beginPath(); c.moveTo(lx - 4, y); c.lineTo(lx + 4, y); c.lineTo(lx, y + 5); c.fill();
        c.strokeStyle = '#b71c1c'; c.lineWidth = 1;
        c.strokeRect(Math.max(LABEL_W, lx), y + 1.5, Math.max(1, self.x(lp.start + lp.duration) - lx), LANE_H - 3);
      });
    });
    if (this.selected) {
      var s = this.selected, sy = AXIS_H + s.lane * LANE_H;
      c.strokeStyle = '#000'; c.lineWidth = 2;
      c.strokeRect(this.x(s.start) - 1, sy + 1, Math.max(2, this.x(s.start + s.duration) - this.x(s.start)) + 2, LANE_H - 2);
    }
  };
  Timeline.prototype.rect = function (c, start, dur, y, h) {
    var x0 = Math.max(LABEL_W, this.x(start)), x1 = Math.min(LABEL_W + this.plotW(), this.x(start + dur));
    if (x1 >= LABEL_W && x0 <= LABEL_W + this.plotW()) { c.fillRect(x0, y, Math.max(1, x1 - x0), h); }
  };
  /* the poll under a point: the exact one, else the longest within 3 px */
  Timeline.prototype.pick = function (x, y) {
    var li = Math.floor((y - AXIS_H) / LANE_H);
    if (li < 0 || li >= this.p.lanes.length || x < LABEL_W) { return; }
    var t = this.timeAt(x), slack = 3 / this.plotW() * (this.t1 - this.t0), best = null;
    this.byLane[li].forEach(function (q) {
      if (q[1] - slack <= t && t <= q[1] + q[2] + slack && (!best || q[2] > best[2])) { best = q; }
    });
    var long = null;
    (this.longByLane[li] || []).forEach(function (lp) {
      if (lp.start - slack <= t && t <= lp.start + lp.duration + slack) { long = lp; }
    });
    if (best) {
      this.select(li, best[1], best[2], best, long);
    } else if (long) {
      this.select(li, long.start, long.duration, null, long);
    }
  };
  Timeline.prototype.select = function (li, start, duration, q, long) {
    this.selected = {lane: li, start: start, duration: duration};
    this.draw();
    details(this.p, li, start, duration, q, long);
  };
  Timeline.prototype.find = function (li, start) {
    var best = null;
    this.byLane[li].forEach(function (q) { if (!best || Math.abs(q[1] - start) < Math.abs(best[1] - start)) { best = q; } });
    return best && Math.abs(best[1] - start) < 0.01 ? best : null;
  };

  function niceStep(raw) {
    var p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-6))));
    var n = raw / p;
    return (n < 1.5 ? 1 : n < 3.5 ? 2 : n < 7.5 ? 5 : 10) * p;
  }

  /* jump from a list to the poll on its pool's timeline */
  function jump(pi, worker, start, duration) {
    var tl = timelines[pi];
    if (!tl) { return; }
    var li = tl.laneOf(worker);
    var pad = Math.max(duration, 1);
    tl.view(start - pad, start + duration + pad);
    document.getElementById('pool-' + pi).scrollIntoView({block: 'start'});
    if (li < 0) { return; }
    var long = (tl.longByLane[li] || []).filter(function (lp) { return Math.abs(lp.start - start) < 0.01; })[0] || null;
    tl.select(li, start, duration, tl.find(li, start), long);
  }

  function details(p, li, start, duration, q, long) {
    var box = document.getElementById('details');
    box.textContent = '';
    var lane = p.lanes[li];
    var task = q ? p.tasks[q[4]] : long ? long.task : '';
    box.appendChild(el('h3', {text: shortName(task)}));
    var dl = el('dl');
    function row(k, v) { dl.appendChild(el('dt', {text: k})); dl.appendChild(el('dd', {text: v})); }
    row('pool', p.name);
    row('worker', lane.worker + (lane.thread ? ' (' + lane.thread + ')' : ''));
    row('task', task || '?');
    row('start', fmt(start) + ' after the window\u2019s start');
    row('duration', fmt(duration));
    if (q) {
      row('scheduling delay', q[3] < 0 ? 'not measured' : fmt(q[3]));
      row('stolen', q[5] ? 'yes' : 'no');
    }
    if (long && long.virtualThread) { row('virtual thread', long.virtualThread); }
    box.appendChild(dl);
    if (long) {
      box.appendChild(el('p', null, badge(long.severity), ' long poll'));
      box.appendChild(el('p', {cls: 'explanation', text: long.explanation}));
      if (long.causes.length) {
        var cu = el('ul'); long.causes.forEach(function (x) { cu.appendChild(el('li', {text: x})); });
        box.appendChild(el('h3', {text: 'Causes'})); box.appendChild(cu);
      }
      if (long.topFrames.length) {
        var fu = el('ul'); long.topFrames.forEach(function (x) { fu.appendChild(el('li', {text: x})); });
        box.appendChild(el('h3', {text: 'Top frames (CPU samples)'})); box.appendChild(fu);
      }
    } else if (duration >= D.thresholds.longPollMs) {
      box.appendChild(el('p', {cls: 'note', text: 'A long poll the analysis did not keep among the ones it explains.'}));
    }
  }

  /* ---- charts (uPlot) ---- */
  function chartWidth() { return Math.max(300, Math.min(560, (main.clientWidth - 40) / 2)); }

  function queueChart(p, parent) {
    var box = el('div', null, el('h3', null, 'Queue depth and busy workers'));
    parent.appendChild(box);
    if (!p.queue.t.length) { box.appendChild(el('p', {cls: 'note', text: 'No queue samples in the window.'})); return; }
    new uPlot({width: chartWidth(), height: 200, scales: {x: {time: false}},
      series: [{label: 'time', value: function (u, v) { return v === null ? '' : fmt(v); }},
        {label: 'queued (max)', stroke: '#c62828', width: 1.5, scale: 'q'},
        {label: 'busy workers (max)', stroke: '#3949ab', width: 1.5, scale: 'w'}],
      axes: [{values: function (u, vs) { return vs.map(fmt); }}, {scale: 'q'}, {scale: 'w', side: 1, grid: {show: false}}]},
    [p.queue.t, p.queue.queued, p.queue.busy], box);
  }

  function delayChart(p, parent) {
    var box = el('div', null, el('h3', null, 'Scheduling delay distribution'));
    parent.appendChild(box);
    if (!p.delayHistogram.length) { box.appendChild(el('p', {cls: 'note', text: 'No scheduling delay measured.'})); return; }
    var xs = p.delayHistogram.map(function (b, i) { return i; });
    var labels = p.delayHistogram.map(function (b) { return '\u2265' + fmt(b[0]); });
    new uPlot({width: chartWidth(), height: 200, scales: {x: {time: false, range: [-0.6, xs.length - 0.4]}},
      series: [{label: 'delay', value: function (u, v) { return v === null ? '' : labels[v]; }},
        {label: 'polls', fill: '#7986cb', stroke: '#3949ab', paths: uPlot.paths.bars({size: [0.7, 60]})}],
      axes: [{values: function (u, vs) { return vs.map(function (v) { return labels[v] || ''; }); }, rotate: 0}, {}]},
    [xs, p.delayHistogram.map(function (b) { return b[1]; })], box);
    box.appendChild(el('p', {cls: 'note', text: p.delay.count + ' delays measured: p50 ' + p.delay.p50 + ', p99 '
      + p.delay.p99 + ', max ' + p.delay.max + '.'}));
  }

  function breakdown(p, sec) {
    var b = p.breakdown;
    sec.appendChild(el('h3', null, 'Where long polls spent their time'));
    if (!b.causes.length) { sec.appendChild(el('p', {cls: 'note', text: 'No long polls in this pool.'})); return; }
    var t = el('table', {cls: 'breakdown'});
    b.causes.forEach(function (c) {
      t.appendChild(el('tr', null, el('td', {text: c.label}), el('td', {cls: 'num', text: Math.round(c.share * 100) + '%'}),
        el('td', null, el('span', {cls: 'bar', style: 'width:' + Math.max(1, Math.round(c.share * 240)) + 'px'})),
        el('td', {cls: 'num', text: fmt(c.ms)})));
    });
    sec.appendChild(t);
    sec.appendChild(el('p', {cls: 'note', text: 'From ' + b.source + '.'}));
  }

  /* ---- flame graph of the CPU samples taken inside long polls ---- */
  function flame(p, sec) {
    sec.appendChild(el('h3', null, 'CPU samples inside long polls'));
    if (!p.flame || !p.flame.root.v) {
      sec.appendChild(el('p', {cls: 'note', text: 'No CPU samples were taken inside this pool\u2019s long polls'
        + ' (jdk.ExecutionSample off, or the polls were not on CPU).'}));
      return;
    }
    var canvas = el('canvas', {cls: 'flame', id: 'flame-' + p.name});
    var info = el('p', {cls: 'note', text: p.flame.root.v + ' samples. Click a frame to zoom in, the top bar to zoom out.'});
    sec.appendChild(canvas);
    sec.appendChild(info);
    var focus = p.flame.root, ROW = 16, boxes = [];
    function depth(n) { var d = 0; (n.c || []).forEach(function (c) { d = Math.max(d, depth(c)); }); return d + 1; }
    var rows = Math.min(40, depth(p.flame.root));
    function draw() {
      var ratio = window.devicePixelRatio || 1, w = canvas.clientWidth || 800, h = rows * ROW;
      canvas.width = w * ratio; canvas.height = h * ratio; canvas.style.height = h + 'px';
      var c = canvas.getContext('2d');
      c.setTransform(ratio, 0, 0, ratio, 0, 0);
      c.fillStyle = '#fff'; c.fillRect(0, 0, w, h);
      c.font = '11px system-ui, sans-serif'; c.textBaseline = 'middle';
      boxes = [];
      (function walk(n, x, width, d) {
        if (d >= rows || width < 0.5) { return; }
        var hue = 20 + (hash(n.n) % 40);
        c.fillStyle = 'hsl(' + hue + ',85%,' + (58 + (hash(n.n) % 12)) + '%)';
        c.fillRect(x, d * ROW, Math.max(0.5, width - 1), ROW - 1);
        boxes.push([x, d * ROW, width, n]);
        if (width > 40) {
          c.fillStyle = '#1d2330';
          c.fillText(n.n.substring(0, Math.floor(width / 6.5)), x + 3, d * ROW + ROW / 2);
        }
        var cx = x;
        (n.c || []).forEach(function (ch) { var cw = width * ch.v / n.v; walk(ch, cx, cw, d + 1); cx += cw; });
      })(focus, 0, w, 0);
    }
    canvas.addEventListener('click', function (e) {
      var hit = boxes.filter(function (b) { return e.offsetX >= b[0] && e.offsetX < b[0] + b[2] && e.offsetY >= b[1]
        && e.offsetY < b[1] + ROW; })[0];
      focus = !hit || hit[3] === focus ? p.flame.root : hit[3];
      info.textContent = focus.n + ': ' + focus.v + ' samples.';
      draw();
    });
    canvas.title = 'CPU samples inside long polls';
    draw();
  }

  function hash(s) { var h = 0; for (var i = 0; i < s.length; i++) { h = (h * 31 + s.charCodeAt(i)) | 0; } return Math.abs(h); }

  /* pools with workers to draw first, pools only sampled after them */
  D.pools.map(function (p, pi) { return pi; }).sort(function (a, b) {
    var la = D.pools[a].lanes && D.pools[a].lanes.length ? 0 : 1, lb = D.pools[b].lanes && D.pools[b].lanes.length ? 0 : 1;
    return la - lb || a - b;
  }).forEach(function (pi) { pool(D.pools[pi], pi); });

  /* for tests and for people with a console: where a poll is drawn, in CSS pixels from the canvas's corner */
  window.taskflightReport = {
    position: function (pi, worker, start, duration) {
      var tl = timelines[pi], li = tl.laneOf(worker);
      return {x: tl.x(start + duration / 2), y: AXIS_H + li * LANE_H + LANE_H / 2};
    },
    worstLongPoll: function () { return longRows.length ? {pool: longRows[0].pool, poll: longRows[0].lp} : null; },
    view: function (pi, a, b) { timelines[pi].view(a, b); }
  };
})();
