// Understudy node dashboard: polls api/status and api/history every 2 s (URLs relative to the page, so any context
// root works), draws the node's view of the cluster, its recent events and lag (kept by the server, so they
// predate the page), and sends the run-time changes of the forms as PUTs. Text from the server always goes through
// textContent, never innerHTML.
(function () {
  'use strict';
  var POLL_MILLIS = 2000;
  var formsFilled = false;

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k]; } else if (k === 'cls') { node.className = attrs[k]; }
      else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }

  function fmt(n, digits) {
    if (n === null || n === undefined || n < 0 || isNaN(n)) { return '–'; }
    return Number(n).toLocaleString(undefined, { maximumFractionDigits: digits === undefined ? 1 : digits });
  }

  function clock(millis) { return new Date(millis).toLocaleTimeString(); }

  // Absolute URLs without user info: fetch refuses a relative URL when the page was opened with a user and
  // password in its URL, and the credentials the browser cached for the page serve its directory anyway.
  var BASE = location.origin + location.pathname.replace(/[^/]*$/, '');

  function request(method, path) {
    return fetch(BASE + path, { method: method, cache: 'no-store', credentials: 'same-origin',
      headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        return response.text().then(function (text) {
          var body = null;
          try { body = text ? JSON.parse(text) : null; } catch (e) { body = { error: text }; }
          return { status: response.status, body: body };
        });
      });
  }

  function poll() {
    request('GET', 'api/status').then(function (reply) {
      if (reply.status === 200) {
        $('banner').hidden = true;
        render(reply.body);
      } else {
        showBanner('Status ' + reply.status + ': ' + ((reply.body && reply.body.error) || 'no status'));
      }
      return request('GET', 'api/history');
    }).then(function (reply) {
      if (reply.status === 200) {
        renderEvents(reply.body.events);
        drawChart(reply.body.samples);
      }
    }).catch(function (e) {
      showBanner('The node does not answer: ' + e);
    }).then(function () { setTimeout(poll, POLL_MILLIS); });
  }

  function showBanner(text) {
    var banner = $('banner');
    banner.textContent = text;
    banner.hidden = false;
    $('ready').textContent = 'UNKNOWN';
    $('ready').className = 'badge';
  }

  function render(s) {
    $('node').textContent = s.self.nodeId + ' · ' + (s.settings ? s.settings.mode : '?');
    $('ready').textContent = s.ready ? 'READY' : 'NOT READY';
    $('ready').className = 'badge ' + (s.ready ? 'up' : 'down');
    $('reason').textContent = s.readinessReason;
    $('reason').title = s.readinessReason;
    $('updated').textContent = 'updated ' + clock(s.takenAtMillis);
    renderNodes(s);
    renderDistribution(s);
    renderReplication(s);
    renderCounters(s);
    fillForms(s, false);
  }

  function renderNodes(s) {
    var nodes = [s.self].concat(s.members.slice().sort(function (a, b) { return a.nodeId < b.nodeId ? -1 : 1; }));
    var max = Math.max.apply(null, nodes.map(function (n) { return n.primaries + n.backups; }).concat([1]));
    var body = clear($('nodes').tBodies[0]);
    nodes.forEach(function (n, i) {
      var load = el('div', { cls: 'load', title: n.primaries + ' primaries, ' + n.backups + ' backups' }, [
        el('div', { cls: 'p', style: 'width:' + (100 * n.primaries / max) + '%' }),
        el('div', { cls: 'b', style: 'width:' + (100 * n.backups / max) + '%' })]);
      body.appendChild(el('tr', { cls: i === 0 ? 'self' : '' }, [
        el('td', { text: n.nodeId }), el('td', { text: n.machine || '–' }), el('td', { text: n.rack || '–' }),
        el('td', { text: n.zone || '–' }), el('td', { cls: 'num', text: fmt(n.primaries, 0) }),
        el('td', { cls: 'num', text: fmt(n.backups, 0) }), el('td', {}, [load]),
        el('td', { cls: 'num', text: i === 0 ? '–' : fmt(n.lastHeardMillis, 0) + ' ms' })]));
    });
  }

  function renderDistribution(s) {
    var box = clear($('distribution'));
    var entries = Object.keys(s.distribution).map(function (k) { return [k, s.distribution[k]]; });
    if (s.unprotected > 0) { entries.push(['(none: unprotected)', s.unprotected]); }
    if (entries.length === 0) {
      box.appendChild(el('div', { cls: 'muted', text: 'This node serves no session yet.' }));
      return;
    }
    var max = Math.max.apply(null, entries.map(function (e) { return e[1]; }));
    var grid = el('div', { cls: 'dist' });
    entries.forEach(function (e) {
      grid.appendChild(el('span', { cls: 'name', text: s.self.nodeId + ' → ' + e[0] }));
      grid.appendChild(el('div', {}, [el('div', { cls: 'bar', style: 'width:' + (100 * e[1] / max) + '%' })]));
      grid.appendChild(el('span', { cls: 'num', text: fmt(e[1], 0) }));
    });
    box.appendChild(grid);
    var pairing = s.settings && s.settings.preferredSecondary;
    box.appendChild(el('p', { cls: 'muted', text: fmt(s.self.primaries, 0) + ' session(s) served here, '
      + fmt(s.unprotected, 0) + ' without a secondary; ' + fmt(s.self.backups, 0) + ' backed up here for others.' }));
    box.appendChild(el('p', { cls: 'muted', text: pairing ? 'Admin pairing: new sessions choose ' + pairing + '.'
      : 'Automatic choice: the least-loaded live node in another zone, else rack, else machine.' }));
  }

  function renderReplication(s) {
    var r = s.replication;
    var tiles = [
      [fmt(r.oldestUnacknowledgedMillis, 0) + ' ms', 'replication lag'],
      [fmt(r.lastAckLatencyMicros / 1000, 2) + ' ms', 'last ack latency'],
      [fmt(r.meanAckLatencyMicros / 1000, 2) + ' ms', 'mean ack latency'],
      [fmt(r.unacknowledged, 0), 'unacknowledged'],
      [fmt(r.heldInBatch, 0), 'held in batch'],
      [fmt(r.meanBatchSize, 1), 'mean batch size'],
      [fmt(r.bytesPerReplication, 0) + ' B', 'bytes / replication'],
      [s.settings ? s.settings.batchSize + ' / ' + s.settings.batchDelayMillis + ' ms' : '–', 'batching']];
    var box = clear($('replication'));
    tiles.forEach(function (t) {
      box.appendChild(el('div', { cls: 'tile' }, [el('div', { cls: 'v', text: t[0] }), el('div', { cls: 'k', text: t[1] })]));
    });
  }

  // samples: [atMillis, lagMillis, lastAckMicros] oldest first, one a second: lag and last ack latency in ms
  function drawChart(samples) {
    var canvas = $('lag');
    var g = canvas.getContext('2d');
    var w = canvas.width, h = canvas.height;
    var points = samples.map(function (p) { return [p[1], p[2] < 0 ? 0 : p[2] / 1000]; });
    var max = Math.max.apply(null, points.map(function (p) { return Math.max(p[0], p[1]); }).concat([1]));
    var slots = Math.max(points.length, 60);
    g.clearRect(0, 0, w, h);
    g.fillStyle = '#6b7785';
    g.font = '10px sans-serif';
    g.fillText(fmt(max, 1) + ' ms', 4, 11);
    g.fillText(points.length + ' s', w - 30, 11);
    [[0, '#2f6fb3'], [1, '#b7791f']].forEach(function (series) {
      g.strokeStyle = series[1];
      g.lineWidth = 2;
      g.beginPath();
      points.forEach(function (p, i) {
        var x = w - 2 - (points.length - 1 - i) * ((w - 4) / (slots - 1));
        var y = h - 4 - (h - 18) * p[series[0]] / max;
        if (i === 0) { g.moveTo(x, y); } else { g.lineTo(x, y); }
      });
      g.stroke();
    });
  }

  function renderEvents(events) {
    var list = clear($('events'));
    if (events.length === 0) {
      list.appendChild(el('li', { cls: 'muted', text: 'No takeover, resync, membership or setting change since the'
        + ' admin WAR started.' }));
      return;
    }
    events.slice(0, 40).forEach(function (e) {
      list.appendChild(el('li', { cls: e.alert ? 'alert' : '' }, [el('time', { text: clock(e.atMillis) }),
        el('span', { cls: 'n', text: e.kind === 'member' || e.kind === 'ready' || e.kind === 'broker'
          || e.kind === 'setting' ? '' : '+' + fmt(e.count, 0) + ' ' }), e.text]));
    });
  }

  function renderCounters(s) {
    var box = clear($('counters'));
    Object.keys(s.counters).forEach(function (name) {
      box.appendChild(el('div', {}, [el('span', { text: name }), el('span', { text: fmt(s.counters[name], 0) })]));
    });
  }

  function fillForms(s, force) {
    if (!s.settings || (formsFilled && !force)) {
      refreshPairingOptions(s);
      return;
    }
    formsFilled = true;
    $('mode').value = s.settings.mode;
    $('batch-size').value = s.settings.batchSize;
    $('batch-delay').value = s.settings.batchDelayMillis;
    $('log-level').value = s.settings.logLevel;
    refreshPairingOptions(s);
    $('pairing').value = s.settings.preferredSecondary || '';
  }

  function refreshPairingOptions(s) {
    var select = $('pairing');
    var chosen = select.value;
    var ids = [''].concat(s.members.map(function (m) { return m.nodeId; }));
    if (s.settings && s.settings.preferredSecondary && ids.indexOf(s.settings.preferredSecondary) < 0) {
      ids.push(s.settings.preferredSecondary);
    }
    var current = Array.prototype.map.call(select.options, function (o) { return o.value; });
    if (current.join(',') === ids.join(',')) { return; }
    clear(select);
    ids.forEach(function (id) { select.appendChild(el('option', { value: id, text: id || 'automatic' })); });
    select.value = ids.indexOf(chosen) >= 0 ? chosen : '';
  }

  function change(url) {
    var message = $('settings-message');
    message.textContent = 'Sending…';
    message.className = 'message';
    request('PUT', url).then(function (reply) {
      if (reply.status === 200) {
        message.textContent = 'Applied: ' + reply.body.changed + ' → ' + describe(reply.body.settings);
        message.className = 'message ok';
      } else {
        message.textContent = 'Refused (' + reply.status + '): ' + ((reply.body && reply.body.error) || 'no reason');
        message.className = 'message bad';
      }
      return request('GET', 'api/status');
    }).then(function (reply) {
      if (reply && reply.status === 200) { fillForms(reply.body, true); }
    }).catch(function (e) {
      message.textContent = 'Failed: ' + e;
      message.className = 'message bad';
    });
  }

  function describe(settings) {
    return settings.mode + ', batching ' + settings.batchSize + ' / ' + settings.batchDelayMillis + ' ms, pairing '
      + (settings.preferredSecondary || 'automatic') + ', log level ' + settings.logLevel;
  }

  function q(value) { return encodeURIComponent(value); }

  function on(id, handler) {
    $(id).addEventListener('submit', function (event) { event.preventDefault(); handler(); });
  }

  on('mode-form', function () { change('api/settings/mode?mode=' + q($('mode').value)); });
  on('batching-form', function () {
    change('api/settings/batching?size=' + q($('batch-size').value) + '&delayMillis=' + q($('batch-delay').value));
  });
  on('pairing-form', function () { change('api/settings/pairing?node=' + q($('pairing').value)); });
  on('log-form', function () { change('api/settings/log-level?level=' + q($('log-level').value)); });
  on('explain-form', explain);

  function explain() {
    var result = $('explain-result');
    result.textContent = 'Asking…';
    result.className = 'message';
    request('GET', 'api/explain?kind=' + q($('explain-kind').value) + '&scope=' + q($('explain-scope').value)
      + '&session=' + q($('explain-session').value)).then(function (reply) {
      result.textContent = reply.status === 200 ? reply.body.explanation
        : (reply.status + ': ' + ((reply.body && reply.body.error) || 'no answer'));
      result.className = 'message ' + (reply.status === 200 ? 'ok' : 'bad');
    }).catch(function (e) {
      result.textContent = 'Failed: ' + e;
      result.className = 'message bad';
    });
  }

  // A deep link asks at once: index.html#kind=WEB&scope=/sample&session=<id> (e.g. from a log line).
  function explainFromHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    if (!params.get('session')) { return; }
    $('explain-kind').value = (params.get('kind') || 'WEB').toUpperCase();
    $('explain-scope').value = params.get('scope') || $('explain-scope').value;
    $('explain-session').value = params.get('session');
    explain();
  }

  explainFromHash();
  poll();
}());
