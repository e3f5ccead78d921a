// The status page: reads the JSON API (docs/api.md) and keeps itself current from the event stream, without reloading.
// Served by the daemon under a Content-Security-Policy that allows no inline script or style and no other origin, so
// everything here builds DOM nodes and sets text; nothing is parsed as HTML.
'use strict';

(() => {
  const DFS = 'root/MicrosoftDfs';
  const AD = 'root/MicrosoftActiveDirectory';
  // DfsrConnectionInfo.State ValueMap/Values (mof/dfsr.mof).
  const CONNECTION_STATES = ['Connecting', 'Online', 'Offline', 'In Error'];
  // DfsrReplicatedFolderInfo.State ValueMap/Values (mof/dfsr.mof).
  const FOLDER_STATES = ['Uninitialized', 'Initialized', 'Initial Sync', 'Auto Recovery', 'Normal', 'In Error'];
  // The method return values docs/dfsr-provider.md lists (section 6), by name.
  const RETURN_NAMES = {
    0: 'success', 50: 'ERROR_NOT_SUPPORTED', 87: 'ERROR_INVALID_PARAMETER', 1062: 'ERROR_SERVICE_NOT_ACTIVE',
    1168: 'ERROR_NOT_FOUND', 1460: 'ERROR_TIMEOUT', 1722: 'RPC_S_SERVER_UNAVAILABLE'
  };
  // ForceReplication Mode 2 is Sync Now; 15 minutes at BANDWIDTH_LEVEL 0xF (unlimited), as `replprov invoke` examples.
  const FORCE = { Mode: 2, DurationInMin: 15, Bandwidth: 15 };

  const $ = (id) => document.getElementById(id);
  const SVG_NS = 'http://www.w3.org/2000/svg';

  /** What the page shows: one map per class, from instance path to properties; null while a class is not served. */
  const model = {
    operator: false,
    connections: new Map(),
    repsTo: null,
    repsToProblem: '',
    folders: null,
    service: null,
    engines: null,
    // Files waiting per connection, from replprov_dfsr_backlog_files: "group|member|partner|direction" -> count
    // (member empty where the engine does not name it).
    backlog: new Map()
  };

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') {
        e.className = v;
      } else {
        e.setAttribute(k, v);
      }
    }
    for (const c of children) {
      e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c)));
    }
    return e;
  }

  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      e.setAttribute(k, String(v));
    }
    if (text != null) {
      e.textContent = text;
    }
    return e;
  }

  // ---- API ----------------------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  /** A same-origin request; the browser adds the credentials it was given for this origin. */
  async function api(path, options) {
    const response = await fetch(path, Object.assign({ credentials: 'same-origin', cache: 'no-store' }, options));
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      throw new ApiError(response.status, 'HTTP ' + response.status);
    }
    if (!response.ok) {
      const d = body && body.error ? body.error.name + ': ' + body.error.description : 'HTTP ' + response.status;
      throw new ApiError(response.status, d);
    }
    return body;
  }

  function query(namespace, wql) {
    const q = new URLSearchParams({ namespace: namespace, q: wql });
    return api('/api/v1/query?' + q).then((r) => r.instances);
  }

  function invoke(path, method, parameters) {
    // application/json: the API refuses other content types on POST, so that no cross-site form can reach it.
    return api('/api/v1/invoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: path, method: method, parameters: parameters })
    });
  }

  // ---- live updates -------------------------------------------------------------------------------------------

  const streams = [];

  /**
   * Follows one class: loads every instance when the stream (re)opens, then applies creation, modification and
   * deletion events. Events that arrive while the load runs are applied after it, so an older snapshot never
   * overwrites a newer event.
   */
  function follow(namespace, className, load, apply) {
    const q = new URLSearchParams({
      namespace: namespace,
      query: "SELECT * FROM __InstanceOperationEvent WITHIN 1 WHERE TargetInstance ISA '" + className + "'"
    });
    const source = new EventSource('/api/v1/events?' + q);
    const stream = { source: source, open: false };
    streams.push(stream);
    let pending = null;
    const handle = (kind) => (message) => {
      const event = JSON.parse(message.data);
      if (pending) {
        pending.push([kind, event]);
      } else {
        apply(kind, event);
        render();
      }
    };
    source.addEventListener('open', () => {
      stream.open = true;
      showLive();
      pending = [];
      load().catch(problem).finally(() => {
        const queued = pending;
        pending = null;
        queued.forEach(([kind, event]) => apply(kind, event));
        render();
      });
    });
    source.addEventListener('error', () => {
      stream.open = false;
      showLive();
    });
    source.addEventListener('__InstanceCreationEvent', handle('created'));
    source.addEventListener('__InstanceModificationEvent', handle('modified'));
    source.addEventListener('__InstanceDeletionEvent', handle('deleted'));
  }

  /** Applies an event to the map {@code current()} returns (a load replaces the map). */
  function applyTo(current) {
    return (kind, event) => {
      const map = current();
      const i = event.targetInstance;
      if (kind === 'deleted') {
        map.delete(i.path);
      } else {
        map.set(i.path, i.properties);
      }
    };
  }

  function showLive() {
    const live = streams.length > 0 && streams.every((s) => s.open);
    const e = $('live');
    e.textContent = live ? 'live' : 'reconnecting';
    e.className = live ? 'live on' : 'live off';
  }

  function problem(e) {
    notice(e.message || String(e), true);
  }

  function notice(text, bad) {
    const n = $('notice');
    n.textContent = text;
    n.className = bad ? 'notice bad' : 'notice';
    n.hidden = false;
  }

  // ---- values -------------------------------------------------------------------------------------------------

  /** A CIM datetime timestamp (DSP0004 5.2.4: yyyymmddhhmmss.mmmmmmsutc, UTC offset in minutes) in ms, or null. */
  function cimTime(text) {
    const m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)\.(\d{6})([+-])(\d{3})$/.exec(text || '');
    if (!m) {
      return null;
    }
    // DFSR writes 1/1/9999 for "never" (docs/dfsr-classes.md).
    if (m[1] === '9999') {
      return null;
    }
    const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], Math.floor(+m[7] / 1000));
    const offset = (m[8] === '-' ? -1 : 1) * +m[9];
    return utc - offset * 60000;
  }

  function age(ms) {
    let s = Math.max(0, Math.floor((Date.now() - ms) / 1000));
    if (s < 60) {
      return s + ' s ago';
    }
    let m = Math.floor(s / 60);
    if (m < 60) {
      return m + ' min ago';
    }
    const h = Math.floor(m / 60);
    m %= 60;
    if (h < 48) {
      return h + ' h ' + m + ' min ago';
    }
    return Math.floor(h / 24) + ' d ' + (h % 24) + ' h ago';
  }

  /** A cell that shows how long ago a CIM datetime was, kept current by the clock below. */
  function ageCell(text) {
    const ms = cimTime(text);
    if (ms == null) {
      return el('td', { class: 'never' }, 'never');
    }
    const td = el('td', { class: 'age', title: new Date(ms).toISOString() }, age(ms));
    td.dataset.time = String(ms);
    return td;
  }

  function errorText(code, messageId) {
    if (!code) {
      return '';
    }
    const hex = '0x' + Number(code).toString(16).toUpperCase().padStart(8, '0');
    return 'error ' + code + ' (' + hex + ')' + (messageId ? ', event ' + messageId : '');
  }

  function stateBadge(names, state, cls) {
    const name = names[state] === undefined ? 'unknown (' + state + ')' : names[state];
    return el('span', { class: 'badge ' + cls + '-' + state }, name);
  }

  function byName(a, b) {
    return String(a).localeCompare(String(b));
  }

  // ---- rendering ----------------------------------------------------------------------------------------------

  function connections() {
    return [...model.connections.entries()].map(([path, p]) => ({ path: path, p: p }))
      .sort((a, b) => byName(a.p.ReplicationGroupName, b.p.ReplicationGroupName)
        || byName(a.p.PartnerName, b.p.PartnerName) || Number(b.p.Inbound) - Number(a.p.Inbound));
  }

  function render() {
    renderMember();
    renderDrawing();
    renderConnections();
    renderRepsTo();
    renderFolders();
  }

  function renderMember() {
    const list = connections();
    const members = [...new Set(list.map((c) => c.p.MemberName).filter(Boolean))].sort(byName);
    const groups = [...new Set(list.map((c) => c.p.ReplicationGroupName).filter(Boolean))].sort(byName);
    const parts = [];
    parts.push(members.length ? 'Member ' + members.join(', ') : 'No connections reported yet');
    if (groups.length) {
      parts.push((groups.length === 1 ? 'replication group ' : 'replication groups ') + groups.join(', '));
    }
    if (model.service) {
      const states = ['Service Starting', 'Service Running', 'Service Degraded', 'Service Shutting Down'];
      parts.push((states[model.service.State] || 'service state ' + model.service.State)
        + (model.service.ProviderVersion ? ' (provider ' + model.service.ProviderVersion + ')' : ''));
    }
    $('member').textContent = parts.join(' · ');
  }

  function renderDrawing() {
    const root = $('drawing');
    root.replaceChildren();
    const defs = svg('defs');
    CONNECTION_STATES.forEach((_, s) => {
      const marker = svg('marker', {
        id: 'arrow-' + s, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
        orient: 'auto-start-reverse'
      });
      marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead state-' + s }));
      defs.append(marker);
    });
    root.append(defs);

    const list = connections();
    const center = { x: 320, y: 160 };
    const members = [...new Set(list.map((c) => c.p.MemberName).filter(Boolean))];
    const partners = [...new Set(list.map((c) => c.p.PartnerName || c.p.PartnerGuid))].sort(byName);
    const place = new Map();
    partners.forEach((name, i) => {
      // Partners on an ellipse around the local member, the first at the top.
      const a = -Math.PI / 2 + (2 * Math.PI * i) / partners.length;
      place.set(name, { x: center.x + 230 * Math.cos(a), y: center.y + 120 * Math.sin(a) });
    });
    if (list.length === 0) {
      root.append(svg('text', { x: center.x, y: center.y, class: 'empty' }, 'no connections'));
      return;
    }
    const edges = svg('g', { class: 'edges' });
    root.append(edges);
    for (const c of list) {
      const partner = place.get(c.p.PartnerName || c.p.PartnerGuid);
      const both = list.some((o) => o !== c && (o.p.PartnerName || o.p.PartnerGuid)
        === (c.p.PartnerName || c.p.PartnerGuid) && o.p.Inbound !== c.p.Inbound);
      const [from, to] = c.p.Inbound ? [partner, center] : [center, partner];
      const dx = to.x - from.x;
      const dy = to.y - from.y;
      const len = Math.hypot(dx, dy) || 1;
      const ux = dx / len;
      const uy = dy / len;
      // Two arrows between the same members run side by side, each on its own side of the line.
      const shift = both ? 7 : 0;
      const nx = -uy * shift;
      const ny = ux * shift;
      // Each end stops just outside its member's box (88 by 34, below).
      const gap = Math.min(Math.abs(ux) > 1e-6 ? 44 / Math.abs(ux) : Infinity,
        Math.abs(uy) > 1e-6 ? 17 / Math.abs(uy) : Infinity) + 4;
      const state = CONNECTION_STATES[c.p.State] === undefined ? 'unknown' : c.p.State;
      const line = svg('line', {
        x1: from.x + ux * gap + nx, y1: from.y + uy * gap + ny,
        x2: to.x - ux * gap + nx, y2: to.y - uy * gap + ny,
        class: 'edge state-' + state, 'marker-end': 'url(#arrow-' + state + ')'
      });
      line.dataset.connection = c.p.ConnectionGuid;
      const waiting = backlogOf(c.p);
      line.append(svg('title', {}, (c.p.Inbound ? 'from ' : 'to ') + c.p.PartnerName + ': '
        + (CONNECTION_STATES[c.p.State] || 'unknown') + (waiting === undefined ? '' : ', backlog ' + waiting)));
      edges.append(line);
      if (waiting !== undefined) {
        const label = svg('text', {
          x: (from.x + to.x) / 2 + nx * 2, y: (from.y + to.y) / 2 + ny * 2 - 4, class: 'backlog'
        }, String(waiting));
        label.dataset.connection = c.p.ConnectionGuid;
        edges.append(label);
      }
    }
    const nodes = svg('g', { class: 'nodes' });
    root.append(nodes);
    const node = (at, label, cls) => {
      const g = svg('g', { class: 'node ' + cls });
      g.append(svg('rect', { x: at.x - 44, y: at.y - 17, width: 88, height: 34, rx: 8 }));
      g.append(svg('text', { x: at.x, y: at.y + 5 }, label.length > 12 ? label.slice(0, 11) + '…' : label));
      g.append(svg('title', {}, label));
      nodes.append(g);
    };
    node(center, members.join(', ') || 'this member', 'local');
    place.forEach((at, name) => node(at, name, 'partner'));
  }

  function renderConnections() {
    const body = $('connections').tBodies[0];
    body.replaceChildren();
    const list = connections();
    if (list.length === 0) {
      body.append(el('tr', {}, el('td', { colspan: 8, class: 'empty' }, 'No connections.')));
    }
    for (const c of list) {
      const p = c.p;
      const tr = el('tr', { class: 'state-row-' + p.State });
      tr.dataset.connection = p.ConnectionGuid;
      tr.append(
        el('td', {}, p.ReplicationGroupName),
        el('td', { class: 'partner' }, p.PartnerName),
        el('td', {}, p.Inbound ? 'inbound ←' : 'outbound →'),
        el('td', { class: 'state' }, stateBadge(CONNECTION_STATES, p.State, 'state')),
        ageCell(p.LastSuccessfulSyncTime),
        el('td', { class: 'error' }, errorText(p.LastErrorCode, p.LastErrorMessageId)),
        backlogCell(c.p),
        actions(c));
      body.append(tr);
    }
  }

  /** The files a connection has waiting, summed over its folders; undefined when its engine does not count them. */
  function backlogOf(p) {
    const direction = p.Inbound ? 'inbound' : 'outbound';
    const own = model.backlog.get([p.ReplicationGroupName, p.MemberName, p.PartnerName, direction].join('|'));
    const unnamed = model.backlog.get([p.ReplicationGroupName, '', p.PartnerName, direction].join('|'));
    return own === undefined && unnamed === undefined ? undefined : (own || 0) + (unnamed || 0);
  }

  function backlogCell(p) {
    const waiting = backlogOf(p);
    return waiting === undefined
      ? el('td', { class: 'backlog unknown', title: 'not counted by this connection\'s engine' }, '—')
      : el('td', { class: 'backlog' }, String(waiting));
  }

  function actions(c) {
    const td = el('td', { class: 'operator-only actions' });
    // The methods act on inbound connections only (docs/dfsr-provider.md, section 6: outbound answers 50).
    if (model.operator && c.p.Inbound) {
      const force = el('button', { type: 'button', class: 'force' }, 'Force replication');
      force.addEventListener('click', () => confirmThen(
        'Force replication from ' + c.p.PartnerName + ' (' + c.p.ReplicationGroupName + ') now? ForceReplication '
        + 'Mode 2 (Sync Now) overrides the schedule for ' + FORCE.DurationInMin + ' minutes at full bandwidth.',
        () => run(c, 'ForceReplication', FORCE)));
      const check = el('button', { type: 'button', class: 'check' }, 'Check connectivity');
      check.addEventListener('click', () => confirmThen(
        'Check connectivity to ' + c.p.PartnerName + ' (' + c.p.ReplicationGroupName + ')?',
        () => run(c, 'CheckConnectivity', {})));
      td.append(force, check);
    }
    return td;
  }

  let confirmed = null;

  function confirmThen(text, action) {
    $('confirm-text').textContent = text;
    confirmed = action;
    $('confirm').showModal();
  }

  function run(c, method, parameters) {
    invoke(c.path, method, parameters).then((r) => {
      const rv = r.returnValue;
      const name = RETURN_NAMES[rv] || 'see docs/dfsr-provider.md';
      notice(method + ' on ' + c.p.PartnerName + ': ReturnValue ' + rv + ' (' + name + ')', rv !== 0);
    }).catch(problem);
  }

  function renderRepsTo() {
    const body = $('repsto').tBodies[0];
    body.replaceChildren();
    if (model.repsTo == null) {
      body.append(el('tr', {}, el('td', { colspan: 7, class: 'empty' },
        'Not served by this daemon' + (model.repsToProblem ? ': ' + model.repsToProblem : '') + '.')));
      return;
    }
    const list = [...model.repsTo.values()].sort((a, b) => byName(a.NamingContext, b.NamingContext)
      || byName(a.NaDsa, b.NaDsa));
    if (list.length === 0) {
      body.append(el('tr', {}, el('td', { colspan: 7, class: 'empty' }, 'No partners to notify.')));
    }
    for (const p of list) {
      const failed = p.ResultLastAttempt && p.ResultLastAttempt !== 0;
      const result = p.ResultLastAttempt === 0 && cimTime(p.TimeLastAttempt) == null ? 'none sent yet'
        : (p.ResultLastAttemptName || 'code') + ' (' + p.ResultLastAttempt + ')';
      body.append(el('tr', { class: failed ? 'failed' : '' },
        el('td', {}, p.NamingContext),
        el('td', { title: p.UuidDsa }, p.NaDsa || p.UuidDsa),
        el('td', {}, p.Writable ? 'yes' : 'no'),
        el('td', { class: failed ? 'error' : '' }, result),
        el('td', {}, p.ConsecutiveFailures == null ? '' : p.ConsecutiveFailures),
        ageCell(p.TimeLastAttempt),
        ageCell(p.TimeLastSuccess)));
    }
  }

  function renderFolders() {
    const section = $('folders-section');
    section.hidden = model.folders == null || model.folders.size === 0;
    const body = $('folders').tBodies[0];
    body.replaceChildren();
    if (section.hidden) {
      return;
    }
    const list = [...model.folders.values()].sort((a, b) => byName(a.ReplicationGroupName, b.ReplicationGroupName)
      || byName(a.ReplicatedFolderName, b.ReplicatedFolderName));
    for (const p of list) {
      body.append(el('tr', {},
        el('td', {}, p.ReplicationGroupName),
        el('td', {}, p.ReplicatedFolderName),
        el('td', {}, stateBadge(FOLDER_STATES, p.State, 'folder')),
        el('td', { class: 'error' }, errorText(p.LastErrorCode, p.LastErrorMessageId))));
    }
  }

  // ---- start --------------------------------------------------------------------------------------------------

  /** Loads a class that a daemon may not serve (its namespace, class or provider may be absent): null then. */
  function optional(namespace, wql) {
    return query(namespace, wql).then((instances) => ({ instances: instances }),
      (e) => ({ instances: null, problem: e.message }));
  }

  function toMap(instances) {
    return new Map(instances.map((i) => [i.path, i.properties]));
  }

  /**
   * The backlog per connection from the daemon's own metrics (docs/api.md): the Prometheus text format, one sample a
   * line, label values escaped with backslashes. The page reads no other metric.
   */
  async function loadBacklog() {
    let text;
    try {
      const response = await fetch('/metrics', { credentials: 'same-origin', cache: 'no-store' });
      if (!response.ok) {
        return;
      }
      text = await response.text();
    } catch (e) {
      return;
    }
    const backlog = new Map();
    const sample = /^replprov_dfsr_backlog_files\{(.*)\} ([0-9.eE+-]+)$/;
    const label = /([a-z_]+)="((?:[^"\\]|\\.)*)"/g;
    for (const line of text.split('\n')) {
      const m = sample.exec(line);
      if (!m) {
        continue;
      }
      const labels = {};
      for (const l of m[1].matchAll(label)) {
        labels[l[1]] = l[2].replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
      }
      const key = [labels.group, labels.member || '', labels.partner, labels.direction].join('|');
      backlog.set(key, (backlog.get(key) || 0) + Number(m[2]));
    }
    model.backlog = backlog;
    renderDrawing();
    renderConnections();
  }

  /** The replicated folders, again: they change with sessions, and their class raises no events. */
  async function loadFolders() {
    const folders = await optional(DFS, 'SELECT * FROM DfsrReplicatedFolderInfo');
    model.folders = folders.instances ? toMap(folders.instances) : null;
    renderFolders();
  }

  /** The engines and whether they run, from /healthz (which answers 503 when one failed, with the same body). */
  async function loadEngines() {
    try {
      const response = await fetch('/healthz', { credentials: 'same-origin', cache: 'no-store' });
      model.engines = (await response.json()).engines || [];
    } catch (e) {
      model.engines = null;
    }
    renderEngines();
  }

  function renderEngines() {
    const p = $('engines');
    if (model.engines === null) {
      p.textContent = 'Engines: unknown (no answer from /healthz)';
      return;
    }
    if (!model.engines.length) {
      p.textContent = 'Engines: none reported';
      return;
    }
    p.replaceChildren(document.createTextNode('Engines: '));
    model.engines.forEach((e, i) => {
      if (i) {
        p.append(', ');
      }
      p.append(el('span', { class: e.up ? 'engine up' : 'engine down', title: e.failure || 'running' },
        e.engine + (e.type && e.type !== e.engine ? ' [' + e.type + ']' : '')
          + (e.up ? ' (running)' : ' (failed to start: ' + e.failure + ')')));
    });
  }

  async function start() {
    $('confirm-cancel').addEventListener('click', () => {
      confirmed = null;
      $('confirm').close();
    });
    $('confirm-ok').addEventListener('click', () => {
      const action = confirmed;
      confirmed = null;
      $('confirm').close();
      if (action) {
        action();
      }
    });
    const me = await api('/api/v1/whoami');
    model.operator = me.roles.includes('operator');
    $('whoami').textContent = me.user + ' (' + me.roles.join(', ') + ')';
    document.body.classList.toggle('operator', model.operator);

    follow(DFS, 'DfsrConnectionInfo', async () => {
      model.connections = toMap(await query(DFS, 'SELECT * FROM DfsrConnectionInfo'));
    }, applyTo(() => model.connections));

    const repsTo = await optional(AD, 'SELECT * FROM ReplProv_RepsTo');
    if (repsTo.instances) {
      model.repsTo = toMap(repsTo.instances);
      follow(AD, 'ReplProv_RepsTo', async () => {
        model.repsTo = toMap(await query(AD, 'SELECT * FROM ReplProv_RepsTo'));
      }, applyTo(() => model.repsTo));
    } else {
      model.repsToProblem = repsTo.problem;
    }
    const folders = await optional(DFS, 'SELECT * FROM DfsrReplicatedFolderInfo');
    model.folders = folders.instances ? toMap(folders.instances) : null;
    const service = await optional(DFS, 'SELECT * FROM DfsrInfo');
    model.service = service.instances && service.instances.length ? service.instances[0].properties : null;
    render();
    await loadEngines();
    await loadBacklog();
    // Engines, backlogs and folders have no event of their own: they are read again every few seconds.
    setInterval(() => {
      loadEngines();
      loadBacklog();
      loadFolders().catch(problem);
    }, 5000);

    setInterval(() => {
      document.querySelectorAll('td.age').forEach((td) => {
        td.textContent = age(Number(td.dataset.time));
      });
    }, 1000);
  }

  document.addEventListener('DOMContentLoaded', () => {
    start().catch(problem);
  });
})();
