// The local-kms web console. Every action is one call to /_kms/console/api with the RPC endpoint's
// parameters. The server runs it as the signed-in access key, so RAM policies apply as they do to the API.
'use strict';

(() => {
  const CONSOLE_HEADER = 'X-KMS-Console';
  const PAGE_SIZE = 20;
  // Error codes after which the session can no longer act, so the page returns to the sign-in form.
  const SIGNED_OUT_CODES = new Set(['Console.SessionRequired', 'InvalidAccessKeyId.Inactive',
    'InvalidAccessKeyId.NotFound']);

  const state = {
    session: null,
    region: null,
    keysPage: 1,
    aliasesPage: 1,
    keyAliasesPage: 1,
    keyId: null,
    aliasToDelete: null,
  };

  const byId = (id) => document.getElementById(id);

  /** An error reply of the service, with Alibaba's Code and Message. */
  class ApiError extends Error {
    constructor(status, body) {
      super(body.Message || `The service replied with HTTP status ${status}.`);
      this.status = status;
      this.code = body.Code || `HTTP ${status}`;
      this.requestId = body.RequestId || '';
    }
  }

  // Requests in flight, published on <body data-pending> for the browser tests and for styling.
  let pending = 0;

  function trackPending(delta) {
    pending += delta;
    document.body.dataset.pending = String(pending);
  }

  async function send(method, path, body, contentType) {
    const headers = { [CONSOLE_HEADER]: '1' };
    if (contentType) {
      headers['Content-Type'] = contentType;
    }
    trackPending(1);
    let response;
    let reply = {};
    try {
      response = await fetch(path, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
      reply = await response.json();
    } catch (error) {
      if (!response) {
        throw error;
      }
      reply = {};
    } finally {
      trackPending(-1);
    }
    if (!response.ok) {
      throw new ApiError(response.status, reply);
    }
    return reply;
  }

  /** Calls an API action in a region, by default the chosen one. */
  function call(action, parameters = {}, region = state.region) {
    const form = new URLSearchParams({ Action: action, RegionId: region, ...parameters });
    return send('POST', '/_kms/console/api', form.toString(), 'application/x-www-form-urlencoded');
  }

  // ---- Loads ----

  /** Thrown by a load that a later load of the same list has replaced. It is not an error to show. */
  class SupersededLoad extends Error {}

  // A counter per list. Each load takes the next number, and only the load holding the latest number
  // may fill the list, so replies that arrive late (an earlier region or page) are dropped.
  const loadCounters = { region: 0, keys: 0, key: 0, keyAliases: 0, aliases: 0 };

  /**
   * Starts a load of one list. The load reads the region once, here, and calls check() after each reply
   * to stop if a later load of the same list has started.
   */
  function startLoad(list, region = state.region) {
    loadCounters[list] += 1;
    const number = loadCounters[list];
    const current = () => loadCounters[list] === number;
    return {
      region,
      current,
      check() {
        if (!current()) {
          throw new SupersededLoad();
        }
      },
    };
  }

  /** Makes every load in flight stale, as signing out does. */
  function supersedeLoads() {
    Object.keys(loadCounters).forEach((list) => {
      loadCounters[list] += 1;
    });
  }

  // ---- Messages ----

  function showStatus(text) {
    byId('status').textContent = text;
  }

  function clearMessages() {
    showStatus('');
    const error = byId('error');
    error.hidden = true;
    error.replaceChildren();
  }

  function showError(error) {
    const box = byId('error');
    box.replaceChildren();
    if (error instanceof ApiError) {
      const code = document.createElement('strong');
      code.className = 'error-code';
      code.textContent = error.code;
      const message = document.createElement('span');
      message.className = 'error-message';
      message.textContent = ` ${error.message}`;
      box.append(code, message);
      if (error.requestId) {
        const requestId = document.createElement('small');
        requestId.textContent = ` RequestId: ${error.requestId}`;
        box.append(requestId);
      }
    } else {
      box.textContent = `The request failed: ${error.message}`;
    }
    box.hidden = false;
    if (error instanceof ApiError && SIGNED_OUT_CODES.has(error.code) && state.session) {
      state.session = null;
      showSignIn();
    }
  }

  /** Runs an action of the page, showing its error instead of letting it escape. */
  async function attempt(work) {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof SupersededLoad)) {
        showError(error);
      }
    }
  }

  /**
   * Runs a form's work with its submit button disabled, so that a second click or Enter while the request
   * is in flight does nothing. The button is enabled again when the work ends, whether or not it failed.
   */
  async function submitOnce(button, work) {
    if (button.disabled) {
      return;
    }
    button.disabled = true;
    try {
      await attempt(work);
    } finally {
      button.disabled = false;
    }
  }

  // ---- Sign-in ----

  function showSignIn() {
    // Nothing that the previous principal could see stays in the page for the next one.
    supersedeLoads();
    ['keys-table', 'aliases-table', 'key-aliases-table'].forEach((id) => byId(id).tBodies[0].replaceChildren());
    byId('key-details').replaceChildren();
    state.region = null;
    state.keyId = null;
    state.keysPage = 1;
    state.aliasesPage = 1;
    state.keyAliasesPage = 1;
    byId('principal-bar').hidden = true;
    byId('console-view').hidden = true;
    byId('sign-in-view').hidden = false;
    byId('access-key-secret').value = '';
    byId('sign-in-title').focus();
  }

  function showConsole(session) {
    state.session = session;
    state.region = state.region || session.DefaultRegionId;
    const principalName = session.PrincipalType === 'RootUser'
      ? `root of ${session.AccountId}`
      : `${session.UserName}@${session.AccountId}`;
    byId('principal').textContent = `${principalName} (${session.AccessKeyId})`;
    byId('principal-bar').hidden = false;
    byId('sign-in-view').hidden = true;
    byId('console-view').hidden = false;
    byId('region').value = state.region;
    showKeys();
  }

  async function signIn(event) {
    event.preventDefault();
    clearMessages();
    const idField = byId('access-key-id');
    const secretField = byId('access-key-secret');
    const body = JSON.stringify({ AccessKeyId: idField.value.trim(), AccessKeySecret: secretField.value });
    // The secret leaves the page only in this request body.
    secretField.value = '';
    await attempt(async () => {
      const session = await send('POST', '/_kms/console/session', body, 'application/json');
      idField.value = '';
      showConsole(session);
    });
  }

  async function signOut() {
    clearMessages();
    await attempt(async () => {
      await send('DELETE', '/_kms/console/session');
      state.session = null;
      state.keyId = null;
      showSignIn();
      showStatus('Signed out.');
    });
  }

  // ---- Views ----

  const VIEWS = ['keys-view', 'key-view', 'aliases-view'];

  function showView(id, headingId) {
    VIEWS.forEach((view) => {
      byId(view).hidden = view !== id;
    });
    // A key's page belongs to the Keys section, as in Alibaba's console, so Keys stays marked there.
    const current = id === 'aliases-view' ? 'nav-aliases' : 'nav-keys';
    ['nav-keys', 'nav-aliases'].forEach((nav) => {
      if (nav === current) {
        byId(nav).setAttribute('aria-current', 'page');
      } else {
        byId(nav).removeAttribute('aria-current');
      }
    });
    byId(headingId).focus();
  }

  function cell(row, label, content) {
    const td = document.createElement('td');
    td.dataset.label = label;
    if (content instanceof Node) {
      td.append(content);
    } else {
      td.textContent = content ?? '';
    }
    row.append(td);
    return td;
  }

  /**
   * Calls an action of a load to fill a table, showing a note in the table while it loads and when it
   * fails. A reply or error that arrives after a later load started is dropped.
   */
  async function listInto(load, tbody, columns, action, parameters) {
    messageRow(tbody, columns, 'Loading…');
    let reply;
    try {
      reply = await call(action, parameters, load.region);
    } catch (error) {
      load.check();
      messageRow(tbody, columns, 'This list could not be loaded.');
      throw error;
    }
    load.check();
    return reply;
  }

  function messageRow(tbody, columns, text) {
    const row = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = columns;
    td.className = 'empty';
    td.textContent = text;
    row.append(td);
    tbody.replaceChildren(row);
  }

  function keyButton(keyId) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-button key-link';
    button.dataset.keyId = keyId;
    button.textContent = keyId;
    button.addEventListener('click', () => attempt(() => openKey(keyId)));
    return button;
  }

  // Page counts of the paged lists, from their latest replies.
  const pageCounts = { keys: 1, aliases: 1, 'key-aliases': 1 };

  function updatePager(prefix, pageNumber, totalCount) {
    const pages = Math.max(1, Math.ceil(totalCount / PAGE_SIZE));
    pageCounts[prefix] = pages;
    byId(`${prefix}-page`).textContent = `Page ${pageNumber} of ${pages} (${totalCount} in all)`;
    enablePager(prefix, pageNumber);
  }

  function enablePager(prefix, pageNumber) {
    byId(`${prefix}-previous`).disabled = pageNumber <= 1;
    byId(`${prefix}-next`).disabled = pageNumber >= pageCounts[prefix];
  }

  /**
   * Loads one page of a paged list. Its pager stays disabled while the page loads, so that a second
   * click cannot step past the last page, and comes back as it was if the load fails.
   */
  async function loadPage(prefix, pageNumber, fill) {
    byId(`${prefix}-previous`).disabled = true;
    byId(`${prefix}-next`).disabled = true;
    try {
      return await fill();
    } catch (error) {
      if (!(error instanceof SupersededLoad)) {
        enablePager(prefix, pageNumber);
      }
      throw error;
    }
  }

  // ---- Keys ----

  /** Returns the region's aliases grouped by key ID, reading at most 50 pages of 100. */
  async function aliasesByKey(region) {
    const byKey = new Map();
    for (let page = 1; page <= 50; page += 1) {
      const reply = await call('ListAliases', { PageNumber: page, PageSize: 100 }, region);
      reply.Aliases.Alias.forEach((alias) => {
        if (!byKey.has(alias.KeyId)) {
          byKey.set(alias.KeyId, []);
        }
        byKey.get(alias.KeyId).push(alias.AliasName);
      });
      if (page * 100 >= reply.TotalCount) {
        break;
      }
    }
    return byKey;
  }

  async function loadKeys() {
    const load = startLoad('keys');
    const pageNumber = state.keysPage;
    const tbody = byId('keys-table').tBodies[0];
    byId('keys-caption').textContent = `Keys in ${load.region}`;
    const reply = await loadPage('keys', pageNumber, () => listInto(load, tbody, 5, 'ListKeys',
      { PageNumber: pageNumber, PageSize: PAGE_SIZE }));
    updatePager('keys', pageNumber, reply.TotalCount);
    const keys = reply.Keys.Key;
    if (keys.length === 0) {
      messageRow(tbody, 5, 'No keys in this region yet.');
      return;
    }
    let aliases = null;
    try {
      aliases = await aliasesByKey(load.region);
    } catch (error) {
      aliases = error;
    }
    load.check();
    const metadata = await Promise.all(keys.map((key) => call('DescribeKey', { KeyId: key.KeyId }, load.region)
      .then((described) => described.KeyMetadata, (error) => ({ KeyId: key.KeyId, error }))));
    load.check();
    const rows = metadata.map((key) => {
      const row = document.createElement('tr');
      row.dataset.keyId = key.KeyId;
      cell(row, 'Key ID', keyButton(key.KeyId)).classList.add('key-id');
      cell(row, 'State', key.error ? `${key.error.code}` : key.KeyState).classList.add('state');
      let aliasText;
      if (aliases instanceof Error) {
        aliasText = `${aliases.code || 'Error'} (aliases not listed)`;
      } else {
        aliasText = (aliases.get(key.KeyId) || []).join(', ') || '—';
      }
      cell(row, 'Aliases', aliasText).classList.add('aliases');
      cell(row, 'Description', key.Description);
      cell(row, 'Created', key.CreationDate).classList.add('created');
      return row;
    });
    tbody.replaceChildren(...rows);
  }

  async function showKeys() {
    showView('keys-view', 'keys-title');
    await attempt(loadKeys);
  }

  async function createKey(event) {
    event.preventDefault();
    const button = byId('create-key');
    if (button.disabled) {
      return;
    }
    clearMessages();
    await submitOnce(button, async () => {
      const description = byId('new-key-description').value;
      const parameters = description ? { Description: description } : {};
      const reply = await call('CreateKey', parameters);
      byId('new-key-description').value = '';
      // The list's order puts a new key on any page, so the new key's details open instead.
      const keyId = reply.KeyMetadata.KeyId;
      await openKey(keyId);
      showStatus(`Created key ${keyId}.`);
    });
  }

  // ---- One key ----

  const DETAIL_FIELDS = ['KeyId', 'Arn', 'KeyState', 'Description', 'KeySpec', 'KeyUsage', 'Origin',
    'ProtectionLevel', 'CreationDate', 'Creator', 'DeleteDate', 'PrimaryKeyVersion'];

  async function openKey(keyId) {
    clearMessages();
    const load = startLoad('key');
    state.keyId = keyId;
    state.keyAliasesPage = 1;
    byId('key-title').textContent = `Key ${keyId}`;
    byId('key-details').replaceChildren();
    byId('key-aliases-table').tBodies[0].replaceChildren();
    selectTab('tab-details', false);
    showView('key-view', 'key-title');
    const reply = await call('DescribeKey', { KeyId: keyId }, load.region);
    load.check();
    const entries = DETAIL_FIELDS.filter((field) => reply.KeyMetadata[field] !== undefined).flatMap((field) => {
      const term = document.createElement('dt');
      term.textContent = field;
      const value = document.createElement('dd');
      value.textContent = reply.KeyMetadata[field];
      value.dataset.field = field;
      return [term, value];
    });
    byId('key-details').replaceChildren(...entries);
  }

  function selectTab(tabId, focus = true) {
    ['tab-details', 'tab-alias'].forEach((id) => {
      const tab = byId(id);
      const selected = id === tabId;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      byId(tab.getAttribute('aria-controls')).hidden = !selected;
    });
    if (focus) {
      byId(tabId).focus();
    }
    if (tabId === 'tab-alias') {
      attempt(loadKeyAliases);
    }
  }

  function onTabKey(event) {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft' || event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      let target = event.target.id === 'tab-details' ? 'tab-alias' : 'tab-details';
      if (event.key === 'Home') {
        target = 'tab-details';
      } else if (event.key === 'End') {
        target = 'tab-alias';
      }
      selectTab(target);
    }
  }

  async function loadKeyAliases() {
    const load = startLoad('keyAliases');
    const pageNumber = state.keyAliasesPage;
    const tbody = byId('key-aliases-table').tBodies[0];
    const reply = await loadPage('key-aliases', pageNumber, () => listInto(load, tbody, 3, 'ListAliasesByKeyId',
      { KeyId: state.keyId, PageNumber: pageNumber, PageSize: PAGE_SIZE }));
    updatePager('key-aliases', pageNumber, reply.TotalCount);
    const aliases = reply.Aliases.Alias;
    if (aliases.length === 0 && pageNumber > pageCounts['key-aliases']) {
      // The last alias of this page was deleted, so the page no longer exists.
      state.keyAliasesPage = pageCounts['key-aliases'];
      await loadKeyAliases();
      return;
    }
    if (aliases.length === 0) {
      messageRow(tbody, 3, 'This key has no aliases.');
      return;
    }
    const rows = aliases.map((alias) => {
      const row = document.createElement('tr');
      row.dataset.aliasName = alias.AliasName;
      cell(row, 'Alias name', alias.AliasName).classList.add('alias-name');
      cell(row, 'Alias ARN', alias.AliasArn);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'danger delete-alias';
      remove.textContent = 'Delete';
      remove.setAttribute('aria-label', `Delete ${alias.AliasName}`);
      remove.addEventListener('click', () => askToDelete(alias.AliasName, remove));
      cell(row, 'Actions', remove);
      return row;
    });
    tbody.replaceChildren(...rows);
  }

  /**
   * Moves the caret to the end of the Alias name field when focus selected all of it, as tabbing into a
   * field does, so that typing adds to the prefilled "alias/" instead of replacing it. A click that
   * placed the caret or selected part of the text is left alone.
   */
  function keepAliasPrefix(event) {
    const field = event.target;
    setTimeout(() => {
      const end = field.value.length;
      if (document.activeElement === field && end > 0 && field.selectionStart === 0 && field.selectionEnd === end) {
        field.setSelectionRange(end, end);
      }
    }, 0);
  }

  async function createAlias(event) {
    event.preventDefault();
    const button = byId('create-alias');
    if (button.disabled) {
      return;
    }
    clearMessages();
    const field = byId('alias-name');
    const aliasName = field.value.trim();
    await submitOnce(button, async () => {
      await call('CreateAlias', { KeyId: state.keyId, AliasName: aliasName });
      field.value = 'alias/';
      showStatus(`Created alias ${aliasName}.`);
      await loadKeyAliases();
    });
  }

  // ---- Deleting an alias ----

  let deleteOpener = null;

  function askToDelete(aliasName, opener) {
    clearMessages();
    state.aliasToDelete = aliasName;
    deleteOpener = opener;
    byId('delete-dialog-alias').textContent = aliasName;
    byId('delete-dialog').showModal();
  }

  function closeDeleteDialog() {
    byId('delete-dialog').close();
    state.aliasToDelete = null;
    if (deleteOpener && deleteOpener.isConnected) {
      deleteOpener.focus();
    } else {
      byId('alias-name').focus();
    }
    deleteOpener = null;
  }

  async function confirmDelete() {
    const aliasName = state.aliasToDelete;
    closeDeleteDialog();
    await attempt(async () => {
      await call('DeleteAlias', { AliasName: aliasName });
      showStatus(`Deleted alias ${aliasName}.`);
      await loadKeyAliases();
      byId('alias-name').focus();
    });
  }

  // ---- Region-wide aliases ----

  async function loadAliases() {
    const load = startLoad('aliases');
    const pageNumber = state.aliasesPage;
    const tbody = byId('aliases-table').tBodies[0];
    byId('aliases-caption').textContent = `Aliases in ${load.region}`;
    const reply = await loadPage('aliases', pageNumber, () => listInto(load, tbody, 3, 'ListAliases',
      { PageNumber: pageNumber, PageSize: PAGE_SIZE }));
    updatePager('aliases', pageNumber, reply.TotalCount);
    const aliases = reply.Aliases.Alias;
    if (aliases.length === 0) {
      messageRow(tbody, 3, 'No aliases in this region.');
      return;
    }
    const rows = aliases.map((alias) => {
      const row = document.createElement('tr');
      row.dataset.aliasName = alias.AliasName;
      cell(row, 'Alias name', alias.AliasName).classList.add('alias-name');
      cell(row, 'Key ID', keyButton(alias.KeyId)).classList.add('key-id');
      cell(row, 'Alias ARN', alias.AliasArn);
      return row;
    });
    tbody.replaceChildren(...rows);
  }

  async function showAliases() {
    clearMessages();
    showView('aliases-view', 'aliases-title');
    await attempt(loadAliases);
  }

  // ---- Wiring ----

  // The paged lists: the state field of each one's page number, and the function that loads it.
  const PAGED_LISTS = {
    keys: { pageField: 'keysPage', load: () => loadKeys() },
    aliases: { pageField: 'aliasesPage', load: () => loadAliases() },
    'key-aliases': { pageField: 'keyAliasesPage', load: () => loadKeyAliases() },
  };

  function changePage(list, delta) {
    clearMessages();
    const { pageField, load } = PAGED_LISTS[list];
    state[pageField] = Math.min(pageCounts[list], Math.max(1, state[pageField] + delta));
    attempt(load);
  }

  /**
   * Switches to the region in the Region field once a first call there succeeds. When the API rejects
   * the region, the console stays in the previous one and shows the API's error.
   */
  async function switchRegion(event) {
    event.preventDefault();
    clearMessages();
    const field = byId('region');
    const region = field.value.trim();
    const load = startLoad('region', region);
    await attempt(async () => {
      try {
        await call('ListKeys', { PageNumber: 1, PageSize: 1 }, region);
      } catch (error) {
        load.check();
        // The dispatcher checks the region before RAM policies, so a denial means the region is valid.
        if (!(error instanceof ApiError) || error.code !== 'Forbidden.NoPermission') {
          field.value = state.region;
          throw error;
        }
      }
      load.check();
      state.region = region;
      state.keysPage = 1;
      state.aliasesPage = 1;
      showStatus(`Region ${region}.`);
      await showKeys();
    });
  }

  async function start() {
    byId('sign-in-form').addEventListener('submit', signIn);
    byId('sign-out').addEventListener('click', signOut);
    byId('region-form').addEventListener('submit', switchRegion);
    byId('nav-keys').addEventListener('click', () => {
      clearMessages();
      showKeys();
    });
    byId('nav-aliases').addEventListener('click', showAliases);
    byId('back-to-keys').addEventListener('click', () => {
      clearMessages();
      showKeys();
    });
    byId('create-key-form').addEventListener('submit', createKey);
    byId('create-alias-form').addEventListener('submit', createAlias);
    byId('alias-name').addEventListener('focus', keepAliasPrefix);
    byId('tab-details').addEventListener('click', () => selectTab('tab-details'));
    byId('tab-alias').addEventListener('click', () => selectTab('tab-alias'));
    byId('tab-details').addEventListener('keydown', onTabKey);
    byId('tab-alias').addEventListener('keydown', onTabKey);
    byId('cancel-delete').addEventListener('click', closeDeleteDialog);
    byId('confirm-delete').addEventListener('click', confirmDelete);
    byId('delete-dialog').addEventListener('cancel', (event) => {
      event.preventDefault();
      closeDeleteDialog();
    });
    byId('keys-previous').addEventListener('click', () => changePage('keys', -1));
    byId('keys-next').addEventListener('click', () => changePage('keys', 1));
    byId('aliases-previous').addEventListener('click', () => changePage('aliases', -1));
    byId('aliases-next').addEventListener('click', () => changePage('aliases', 1));
    byId('key-aliases-previous').addEventListener('click', () => changePage('key-aliases', -1));
    byId('key-aliases-next').addEventListener('click', () => changePage('key-aliases', 1));

    try {
      showConsole(await send('GET', '/_kms/console/session'));
    } catch (error) {
      showSignIn();
    }
    document.body.dataset.ready = 'true';
  }

  start();
})();
