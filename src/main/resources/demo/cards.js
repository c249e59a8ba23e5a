/*
 * Renders CDS Hooks cards as an EHR shows them: indicator as colour AND icon AND word, summary as
 * plain text, detail through BcdsMarkdown, the source as a link (http/https only), suggestions as
 * buttons, links, and the override reasons to pick. All card text goes into text nodes.
 * BcdsCards.render(container, cards, handlers) with handlers.accept(card, suggestion, status) and
 * handlers.override(card, reasonOrNull, comment, status); status is the card's live status line.
 */
(function (global) {
  'use strict';

  var INDICATORS = {
    critical: { icon: '\u2716', word: 'Critical' },
    warning: { icon: '\u26A0', word: 'Warning' },
    info: { icon: '\u2139', word: 'Info' }
  };
  var counter = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function linkOrText(label, url) {
    var safe = global.BcdsMarkdown.safeUrl(url);
    if (!safe) {
      return el('span', 'unsafe-link', label + (url ? ' (' + url + ')' : ''));
    }
    var a = el('a', null, label);
    a.href = safe;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    return a;
  }

  function indicatorOf(card) {
    return INDICATORS[card.indicator] || { icon: '?', word: String(card.indicator || 'unknown') };
  }

  function renderCard(card, handlers) {
    counter += 1;
    var id = 'card-' + counter;
    var indicator = indicatorOf(card);
    var article = el('article', 'card card-' + (INDICATORS[card.indicator] ? card.indicator : 'unknown'));
    article.setAttribute('aria-labelledby', id + '-summary');
    if (card.source && card.source.topic && card.source.topic.code) {
      article.dataset.rule = String(card.source.topic.code);
    }
    article.dataset.uuid = String(card.uuid || '');

    var header = el('header', 'card-header');
    var badge = el('span', 'indicator');
    badge.appendChild(el('span', 'indicator-icon', indicator.icon)).setAttribute('aria-hidden', 'true');
    badge.appendChild(el('span', 'indicator-word', indicator.word));
    header.appendChild(badge);
    var summary = el('h3', 'summary', String(card.summary || ''));
    summary.id = id + '-summary';
    header.appendChild(summary);
    article.appendChild(header);

    if (card.detail) {
      var detail = el('div', 'detail');
      detail.appendChild(global.BcdsMarkdown.render(String(card.detail)));
      article.appendChild(detail);
    }
    if (card.source) {
      var source = el('p', 'source', 'Source: ');
      source.appendChild(linkOrText(String(card.source.label || ''), card.source.url));
      article.appendChild(source);
    }
    var status = el('p', 'feedback-status');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');

    var suggestions = Array.isArray(card.suggestions) ? card.suggestions : [];
    if (suggestions.length) {
      var box = el('div', 'suggestions');
      box.appendChild(el('span', 'label', 'Suggested:'));
      suggestions.forEach(function (suggestion) {
        var button = el('button', 'suggestion', String(suggestion.label || 'Accept'));
        button.type = 'button';
        button.dataset.suggestion = String(suggestion.uuid || '');
        if (suggestion.isRecommended) {
          button.classList.add('recommended');
          button.setAttribute('aria-description', 'recommended');
        }
        button.addEventListener('click', function () {
          handlers.accept(card, suggestion, status, button);
        });
        box.appendChild(button);
      });
      article.appendChild(box);
    }
    var links = Array.isArray(card.links) ? card.links : [];
    if (links.length) {
      var list = el('ul', 'card-links');
      links.forEach(function (link) {
        var li = el('li');
        li.appendChild(linkOrText(String(link.label || link.url || ''), link.type === 'absolute' ? link.url : null));
        list.appendChild(li);
      });
      article.appendChild(list);
    }
    var reasons = Array.isArray(card.overrideReasons) ? card.overrideReasons : [];
    var override = el('div', 'override');
    var selectId = id + '-reason';
    var label = el('label', null, 'Override reason');
    label.htmlFor = selectId;
    var select = el('select', 'override-reason');
    select.id = selectId;
    select.appendChild(el('option', null, '(none given)')).value = '';
    reasons.forEach(function (reason, index) {
      select.appendChild(el('option', null, String(reason.display || reason.code))).value = String(index);
    });
    var commentId = id + '-comment';
    var commentLabel = el('label', null, 'Comment');
    commentLabel.htmlFor = commentId;
    var comment = el('input', 'override-comment');
    comment.id = commentId;
    comment.type = 'text';
    comment.maxLength = 500;
    var overrideButton = el('button', 'override-button', 'Override');
    overrideButton.type = 'button';
    overrideButton.addEventListener('click', function () {
      var reason = select.value === '' ? null : reasons[Number(select.value)];
      handlers.override(card, reason, comment.value, status, overrideButton);
    });
    var reasonGroup = el('span', 'field');
    reasonGroup.appendChild(label);
    reasonGroup.appendChild(select);
    var commentGroup = el('span', 'field');
    commentGroup.appendChild(commentLabel);
    commentGroup.appendChild(comment);
    override.appendChild(reasonGroup);
    override.appendChild(commentGroup);
    override.appendChild(overrideButton);
    article.appendChild(override);
    article.appendChild(status);
    return article;
  }

  function render(container, cards, handlers) {
    container.replaceChildren();
    (Array.isArray(cards) ? cards : []).forEach(function (card) {
      container.appendChild(renderCard(card || {}, handlers));
    });
  }

  // el() is shared with demo.js: one way to make an element whose text is never parsed as HTML.
  global.BcdsCards = { render: render, el: el };
})(window);
