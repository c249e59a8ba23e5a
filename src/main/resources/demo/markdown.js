/*
 * A small, safe Markdown renderer for card details. It never parses HTML: it builds DOM nodes and
 * puts every piece of card text in text nodes, so markup in the text is shown as text, never run.
 * Supported (the subset our cards use): paragraphs (blank-line separated), "- " / "* " lists,
 * **bold**, `code`, [label](http(s) URL) links (rel="noopener noreferrer", new tab). A link with
 * any other scheme (javascript:, data:, relative ...) is shown as its literal text.
 */
(function (global) {
  'use strict';

  var INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^()\s]+)\)/g;
  var LIST_ITEM = /^\s*[-*]\s+(.*)$/;

  /** The URL as a string if it is an absolute http or https URL, else null. */
  function safeUrl(text) {
    if (typeof text !== 'string' || !/^https?:\/\//i.test(text)) {
      return null;
    }
    try {
      var url = new URL(text);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(doc, label, url) {
    var a = doc.createElement('a');
    a.href = url;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    a.textContent = label;
    return a;
  }

  function inline(doc, parent, text) {
    var last = 0;
    var match;
    INLINE.lastIndex = 0;
    var pieces = [];
    while ((match = INLINE.exec(text)) !== null) {
      pieces.push({ start: match.index, end: INLINE.lastIndex, m: match.slice() });
    }
    pieces.forEach(function (piece) {
      if (piece.start > last) {
        parent.appendChild(doc.createTextNode(text.slice(last, piece.start)));
      }
      var m = piece.m;
      if (m[1] !== undefined) {
        var code = doc.createElement('code');
        code.textContent = m[1];
        parent.appendChild(code);
      } else if (m[2] !== undefined) {
        var strong = doc.createElement('strong');
        inline(doc, strong, m[2]);
        parent.appendChild(strong);
      } else {
        var url = safeUrl(m[4]);
        parent.appendChild(url ? link(doc, m[3], url) : doc.createTextNode(m[0]));
      }
      last = piece.end;
    });
    if (last < text.length) {
      parent.appendChild(doc.createTextNode(text.slice(last)));
    }
  }

  /** Renders Markdown text as a DocumentFragment of p, ul/li, strong, code and a elements only. */
  function render(text, doc) {
    doc = doc || global.document;
    var fragment = doc.createDocumentFragment();
    var lines = String(text == null ? '' : text).replace(/\r\n?/g, '\n').split('\n');
    var paragraph = [];
    var list = null;
    function flushParagraph() {
      if (paragraph.length) {
        var p = doc.createElement('p');
        inline(doc, p, paragraph.join(' '));
        fragment.appendChild(p);
        paragraph = [];
      }
    }
    lines.forEach(function (line) {
      var item = LIST_ITEM.exec(line);
      if (line.trim() === '') {
        flushParagraph();
        list = null;
      } else if (item) {
        flushParagraph();
        if (!list) {
          list = doc.createElement('ul');
          fragment.appendChild(list);
        }
        var li = doc.createElement('li');
        inline(doc, li, item[1]);
        list.appendChild(li);
      } else {
        list = null;
        paragraph.push(line.trim());
      }
    });
    flushParagraph();
    return fragment;
  }

  global.BcdsMarkdown = { render: render, safeUrl: safeUrl };
})(window);
