// Sourcebook site: the two things that need JavaScript, copying a citation and searching.
// Everything else reads without it. No requests leave the site.
(function () {
  'use strict';

  // ---- Copy buttons: each names the element whose text it copies (data-copy). The text is
  // put on the clipboard as plain text and as HTML, so a word processor keeps the italics.
  function announce(button, message) {
    var old = button.firstChild.nodeValue;
    button.firstChild.nodeValue = message;
    setTimeout(function () { button.firstChild.nodeValue = old; }, 2000);
  }

  function plain(el) {
    return el.textContent.replace(/\s+/g, ' ').trim();
  }

  function copy(button) {
    var el = document.getElementById(button.getAttribute('data-copy'));
    if (!el) return;
    var text = plain(el);
    var done = function () { announce(button, 'Copied'); };
    var failed = function () { announce(button, 'Copy failed: select the text instead'); };
    if (navigator.clipboard && window.ClipboardItem && navigator.clipboard.write) {
      var item = new ClipboardItem({
        'text/plain': new Blob([text], { type: 'text/plain' }),
        'text/html': new Blob([el.innerHTML], { type: 'text/html' })
      });
      navigator.clipboard.write([item]).then(done, function () {
        navigator.clipboard.writeText(text).then(done, failed);
      });
    } else if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, failed);
    } else {
      failed();
    }
  }

  function setUpCopy() {
    var buttons = document.querySelectorAll('button.copy[data-copy]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener('click', function (e) { copy(e.currentTarget); });
    }
  }

  // ---- Search, over the prebuilt index in search/ (see src/site/search.rs for its shape).
  // A query's words are folded as the index folds them; every word must match the start of a
  // word of the source (its title, publisher or excerpts).
  function fold(text) {
    return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  }

  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      return Array.from(w).length > 1;
    });
  }

  function shard(word) {
    return Array.from(word).slice(0, 2).map(function (c) {
      return c.codePointAt(0).toString(16);
    }).join('-');
  }

  var cache = {};
  function load(path) {
    if (!cache[path]) {
      cache[path] = fetch(path).then(function (r) {
        if (r.status === 404) return {};
        if (!r.ok) throw new Error(path + ': ' + r.status);
        return r.json();
      });
    }
    return cache[path];
  }

  // The sources holding a word that starts with `word`.
  function postings(word) {
    return load('search/terms/' + shard(word) + '.json').then(function (terms) {
      var found = new Set();
      Object.keys(terms).forEach(function (term) {
        if (term.indexOf(word) !== 0) return;
        var doc = 0;
        terms[term].forEach(function (delta) { doc += delta; found.add(doc); });
      });
      return found;
    });
  }

  function search(query, status, list) {
    var ws = words(query);
    list.textContent = '';
    if (ws.length === 0) {
      status.textContent = query.trim() ? 'Type words of at least two letters.' : '';
      return Promise.resolve();
    }
    status.textContent = 'Searching…';
    return Promise.all([load('search/meta.json')].concat(ws.map(postings))).then(function (all) {
      var meta = all[0];
      var sets = all.slice(1);
      var hits = Array.from(sets[0]).filter(function (d) {
        return sets.every(function (s) { return s.has(d); });
      }).sort(function (a, b) { return a - b; });
      var shown = hits.slice(0, 100);
      var chunks = Array.from(new Set(shown.map(function (d) { return Math.floor(d / meta.chunk); })));
      return Promise.all(chunks.map(function (k) { return load('search/docs/' + k + '.json'); }))
        .then(function (docs) {
          var byChunk = {};
          chunks.forEach(function (k, i) { byChunk[k] = docs[i]; });
          shown.forEach(function (d) {
            var doc = byChunk[Math.floor(d / meta.chunk)][d % meta.chunk];
            var li = document.createElement('li');
            var a = document.createElement('a');
            a.href = doc[0];
            a.textContent = doc[1];
            var line = document.createElement('span');
            line.className = 'line';
            line.textContent = doc[2] + ' · ' + doc[3];
            li.appendChild(a);
            li.appendChild(line);
            list.appendChild(li);
          });
          var n = hits.length;
          status.textContent = n === 0 ? 'No source holds all of these words.'
            : n + (n === 1 ? ' source' : ' sources') + ' found' + (n > shown.length ? ', the first ' + shown.length + ' shown.' : '.');
        });
    }).catch(function () {
      status.textContent = 'The search index could not be read. Browse the country pages instead.';
    });
  }

  function setUpSearch() {
    var form = document.getElementById('search-form');
    if (!form) return;
    var input = form.querySelector('input[name="q"]');
    var status = document.getElementById('search-status');
    var list = document.getElementById('results');
    var run = function () { return search(input.value, status, list); };
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      history.replaceState(null, '', '?q=' + encodeURIComponent(input.value));
      run();
    });
    var q = new URLSearchParams(location.search).get('q');
    if (q) {
      input.value = q;
      run();
    }
  }

  function start() {
    setUpCopy();
    setUpSearch();
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
