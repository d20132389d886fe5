/**
 * The upload page's script (progressive enhancement: without it the page still explains how to
 * upload through the API). It asks the exchange for a presigned upload, PUTs the file straight
 * to the object store with progress events, then polls the upload's status until ingest has
 * published or failed it. If the object store refuses the browser's cross-origin PUT (a bucket
 * without a CORS rule), files within the direct-upload limit go through the exchange instead.
 */
export const uploadJs = `(function () {
  'use strict';
  var form = document.getElementById('upload-form');
  if (!form) return;
  var fileInput = document.getElementById('file');
  var progress = document.getElementById('upload-progress');
  var status = document.getElementById('upload-status');
  var result = document.getElementById('upload-result');
  var csrf = form.querySelector('input[name="csrf"]').value;
  var startUrl = form.getAttribute('data-start-url');
  var directUrl = form.getAttribute('data-direct-url');
  var statusUrl = form.getAttribute('data-status-url');
  var directLimit = Number(form.getAttribute('data-direct-limit'));
  var button = form.querySelector('button[type="submit"]');

  function say(text) { status.textContent = text; }
  function kib(n) { return n < 1048576 ? Math.round(n / 1024) + ' KB' : (n / 1048576).toFixed(1) + ' MB'; }
  function fail(message) { say('Upload failed: ' + message); button.disabled = false; progress.value = 0; }
  function errorText(body, fallback) { return body && body.error && body.error.message ? body.error.message : fallback; }

  function poll(uploadId, started) {
    fetch(statusUrl.replace('UPLOAD_ID', encodeURIComponent(uploadId)), { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        if (!res.ok) { fail(errorText(res.body, 'could not read the upload status')); return; }
        var s = res.body;
        if (s.state === 'published' || s.state === 'failed') {
          say(s.summary);
          result.textContent = '';
          var link = document.createElement('a');
          link.href = s.links.report;
          link.textContent = 'Read the validation report for version ' + s.version;
          result.appendChild(link);
          var tag = document.getElementById('resource-status');
          if (tag) { tag.textContent = s.state; tag.className = 'tag tag--' + s.state; }
          button.disabled = false;
          return;
        }
        say(s.summary);
        if (Date.now() - started > 15 * 60 * 1000) { fail('the exchange is still validating; reload this page later'); return; }
        setTimeout(function () { poll(uploadId, started); }, 800);
      })
      .catch(function () { setTimeout(function () { poll(uploadId, started); }, 2000); });
  }

  function put(url, headers, file, onError) {
    var xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    Object.keys(headers).forEach(function (name) { if (name.toLowerCase() !== 'content-length') xhr.setRequestHeader(name, headers[name]); });
    xhr.upload.addEventListener('progress', function (e) {
      if (!e.lengthComputable) return;
      progress.max = e.total; progress.value = e.loaded;
      say('Uploading: ' + kib(e.loaded) + ' of ' + kib(e.total));
    });
    return new Promise(function (resolve) {
      xhr.addEventListener('load', function () {
        if (xhr.status >= 200 && xhr.status < 300) resolve(xhr);
        else onError(xhr);
      });
      xhr.addEventListener('error', function () { onError(xhr); });
      xhr.send(file);
    });
  }

  function direct(file) {
    if (file.size > directLimit) { fail('the object store refused the upload and the file is too large to send through the exchange'); return; }
    say('Uploading through the exchange…');
    put(directUrl + '?filename=' + encodeURIComponent(file.name), { 'content-type': file.type || 'application/octet-stream', 'x-csrf-token': csrf }, file, function (xhr) {
      var body; try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      fail(errorText(body, 'the exchange answered ' + xhr.status));
    }).then(function (xhr) {
      var body = JSON.parse(xhr.responseText);
      progress.value = progress.max;
      say('Uploaded. Waiting for validation…');
      poll(body.uploadId, Date.now());
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var file = fileInput.files && fileInput.files[0];
    if (!file) { say('Choose a file to upload.'); fileInput.focus(); return; }
    button.disabled = true;
    progress.value = 0;
    say('Preparing the upload…');
    result.textContent = '';
    fetch(startUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ filename: file.name, bytes: file.size, contentType: file.type || 'application/octet-stream' })
    })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        if (!res.ok) { fail(errorText(res.body, 'the exchange refused the upload')); return; }
        var uploadId = res.body.uploadId;
        put(res.body.uploadUrl, res.body.uploadHeaders || {}, file, function (xhr) {
          if (xhr.status === 0) direct(file);
          else fail('the object store answered ' + xhr.status);
        }).then(function () {
          progress.value = progress.max;
          say('Uploaded. Waiting for validation…');
          poll(uploadId, Date.now());
        });
      })
      .catch(function () { fail('the exchange could not be reached'); });
  });
})();
`;

/** Copy buttons beside the API snippets: shown only when the script (and the clipboard) works. */
export const copyJs = `(function () {
  'use strict';
  if (!navigator.clipboard) return;
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var source = document.getElementById(button.getAttribute('data-copy'));
      navigator.clipboard.writeText(source.textContent).then(function () {
        var note = document.getElementById(button.getAttribute('data-copy') + '-copied');
        if (note) note.textContent = 'Copied';
      });
    });
  });
})();
`;
