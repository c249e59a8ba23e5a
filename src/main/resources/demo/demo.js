/*
 * The demo EHR: reads demo patients and the knowledge catalogue from the sandbox FHIR server
 * (/fhir, same origin), fires patient-view on opening a chart, order-select on "Select order",
 * order-sign on "Sign" (fhirServer = this server's /fhir, no prefetch: the service fetches), shows
 * the cards, sends CDS Hooks feedback for accepted suggestions and overrides, and logs every call.
 */
(function () {
  'use strict';

  var FHIR = location.origin + '/fhir';
  var USER = 'Practitioner/demo-clinician';
  var TB_VALUE_SETS = ['igra-qualitative', 'igra-quantitative', 'tspot-spot-counts', 'tst-induration'];
  var state = { services: {}, patient: null, draft: null, drugs: {}, orderNumber: 0 };

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, className, text) {
    return window.BcdsCards.el(tag, className, text);
  }

  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
  }

  /** Logs one call in the developer panel. */
  function logCall(title, request, status, response) {
    var item = el('li', 'call');
    item.appendChild(el('h3', 'call-title', title + ' \u2192 HTTP ' + status));
    if (request !== undefined) {
      item.appendChild(el('h4', null, 'Request'));
      item.appendChild(el('pre', 'call-request', JSON.stringify(request, null, 2)));
    }
    item.appendChild(el('h4', null, 'Response'));
    item.appendChild(el('pre', 'call-response', typeof response === 'string' ? response : JSON.stringify(response, null, 2)));
    $('calls').insertBefore(item, $('calls').firstChild);
  }

  function readJson(response) {
    return response.text().then(function (text) {
      var body;
      try {
        body = text ? JSON.parse(text) : null;
      } catch (e) {
        body = text;
      }
      return { status: response.status, body: body };
    });
  }

  function fhirGet(path) {
    return fetch(FHIR + path, { headers: { Accept: 'application/fhir+json' } }).then(readJson).then(function (reply) {
      if (reply.status !== 200) {
        throw new Error('GET /fhir' + path.split('?')[0] + ' answered HTTP ' + reply.status);
      }
      return reply.body;
    });
  }

  function entries(bundle, type) {
    return ((bundle && bundle.entry) || []).map(function (e) { return e.resource; })
      .filter(function (r) { return r && (!type || r.resourceType === type); });
  }

  function post(path, body, title) {
    return fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(readJson).then(function (reply) {
        logCall(title || 'POST ' + path, body, reply.status, reply.body);
        return reply;
      });
  }

  function problemText(reply) {
    var issue = reply.body && reply.body.issue && reply.body.issue[0];
    return 'The service answered HTTP ' + reply.status + (issue && issue.diagnostics ? ': ' + issue.diagnostics : '');
  }

  /** A check that could not run is shown as such, never as an all-clear. */
  function showProblem(container, text) {
    container.replaceChildren();
    var box = el('div', 'problem', '\u2716 Not checked. ' + text);
    box.setAttribute('role', 'alert');
    container.appendChild(box);
  }

  function feedbackHandlers(serviceId) {
    function send(entry, status, button, done) {
      status.textContent = 'Sending feedback\u2026';
      post('/cds-services/' + encodeURIComponent(serviceId) + '/feedback', { feedback: [entry] },
        'POST feedback ' + serviceId).then(function (reply) {
        if (reply.status === 200) {
          status.textContent = done + ' Feedback stored (server: received ' + reply.body.received + ', stored '
            + reply.body.stored + ').';
          status.className = 'feedback-status stored';
          button.disabled = true;
        } else {
          status.textContent = 'Feedback NOT stored. ' + problemText(reply);
          status.className = 'feedback-status failed';
        }
      }, function (error) {
        status.textContent = 'Feedback NOT stored: ' + error.message;
        status.className = 'feedback-status failed';
      });
    }
    return {
      accept: function (card, suggestion, status, button) {
        var actions = (suggestion.actions || []).map(function (a) { return a.description || a.type; }).join('; ');
        send({ card: card.uuid, outcome: 'accepted', acceptedSuggestions: [{ id: suggestion.uuid }],
          outcomeTimestamp: new Date().toISOString() }, status, button,
          'Accepted: ' + suggestion.label + (actions ? ' (' + actions + ').' : '.'));
      },
      override: function (card, reason, comment, status, button) {
        var entry = { card: card.uuid, outcome: 'overridden', outcomeTimestamp: new Date().toISOString() };
        if (reason || comment) {
          entry.overrideReason = {};
          if (reason) {
            entry.overrideReason.reason = { system: reason.system, code: reason.code, display: reason.display };
          }
          if (comment) {
            entry.overrideReason.userComment = comment;
          }
        }
        send(entry, status, button, 'Overridden' + (reason ? ': ' + reason.display + '.' : '.'));
      }
    };
  }

  function callHook(hook, context, container, statusNode) {
    var serviceId = state.services[hook];
    if (!serviceId) {
      showProblem(container, 'The service offers no ' + hook + ' hook.');
      return Promise.resolve();
    }
    var request = { hook: hook, hookInstance: uuid(), fhirServer: FHIR, context: context };
    if (statusNode) {
      statusNode.textContent = 'Calling ' + hook + '\u2026';
    }
    return post('/cds-services/' + encodeURIComponent(serviceId), request, 'POST ' + hook + ' ' + serviceId)
      .then(function (reply) {
        if (reply.status !== 200 || !reply.body || !Array.isArray(reply.body.cards)) {
          showProblem(container, problemText(reply));
          if (statusNode) {
            statusNode.textContent = hook + ': not checked.';
          }
          return;
        }
        var cards = reply.body.cards;
        window.BcdsCards.render(container, cards, feedbackHandlers(serviceId));
        if (!cards.length) {
          container.appendChild(el('p', 'no-cards', '\u2714 No cards: ' + hook + ' found nothing to flag.'));
        }
        if (statusNode) {
          statusNode.textContent = hook + ': ' + cards.length + (cards.length === 1 ? ' card.' : ' cards.');
        }
      }, function (error) {
        showProblem(container, 'The call failed: ' + error.message);
      });
  }

  function nameOf(patient) {
    var name = (patient.name || [])[0] || {};
    return name.text || ((name.given || []).join(' ') + ' ' + (name.family || '')).trim() || patient.id;
  }

  function ageOf(birthDate) {
    if (!birthDate) {
      return 'unknown';
    }
    var birth = new Date(birthDate);
    var now = new Date();
    var age = now.getFullYear() - birth.getFullYear();
    if (now.getMonth() < birth.getMonth() || (now.getMonth() === birth.getMonth() && now.getDate() < birth.getDate())) {
      age -= 1;
    }
    return String(age);
  }

  function conceptText(concept, included) {
    if (!concept) {
      return '(not coded)';
    }
    return concept.text || ((concept.coding || [])[0] || {}).display || ((concept.coding || [])[0] || {}).code || '(not coded)';
  }

  function medicationText(resource, medications) {
    if (resource.medicationCodeableConcept) {
      return conceptText(resource.medicationCodeableConcept);
    }
    var ref = resource.medicationReference && resource.medicationReference.reference;
    var medication = medications[ref];
    return medication ? conceptText(medication.code) : (ref || '(no medication)');
  }

  function valueText(observation) {
    if (observation.valueCodeableConcept) {
      return conceptText(observation.valueCodeableConcept);
    }
    if (observation.valueQuantity) {
      return observation.valueQuantity.value + ' ' + (observation.valueQuantity.unit || '');
    }
    if (observation.valueString) {
      return observation.valueString;
    }
    return observation.interpretation ? conceptText(observation.interpretation[0]) : '(no value)';
  }

  function addFact(list, term, values) {
    list.appendChild(el('dt', null, term));
    var dd = el('dd');
    if (values.length === 1) {
      dd.textContent = values[0];
    } else if (!values.length) {
      dd.textContent = 'none on record';
    } else {
      var ul = el('ul');
      values.forEach(function (v) { ul.appendChild(el('li', null, v)); });
      dd.appendChild(ul);
    }
    list.appendChild(dd);
  }

  function tbCodes() {
    return Promise.all(TB_VALUE_SETS.map(function (id) {
      return fhirGet('/ValueSet/' + id).then(function (vs) {
        var codes = [];
        ((vs.compose && vs.compose.include) || []).forEach(function (include) {
          (include.concept || []).forEach(function (c) { codes.push(include.system + '|' + c.code); });
        });
        return codes;
      });
    })).then(function (lists) { return [].concat.apply([], lists); });
  }

  function openChart() {
    var id = $('patient').value;
    if (!id) {
      return;
    }
    var q = encodeURIComponent(id);
    $('app-status').textContent = 'Opening the chart\u2026';
    $('order-cards').replaceChildren();
    $('order-status').textContent = '';
    Promise.all([
      fhirGet('/Patient/' + q),
      fhirGet('/Condition?patient=' + q + '&_count=100'),
      fhirGet('/MedicationRequest?patient=' + q + '&status=active&_include=MedicationRequest:medication&_count=100'),
      fhirGet('/MedicationStatement?patient=' + q + '&status=active&_count=100'),
      tbCodes().then(function (codes) {
        return fhirGet('/Observation?patient=' + q + '&code=' + encodeURIComponent(codes.join(',')) + '&_count=100');
      }),
      fhirGet('/MedicationRequest?patient=' + q + '&status=draft&_count=10')
    ]).then(function (r) {
      var patient = r[0];
      state.patient = patient;
      var medications = {};
      entries(r[2], 'Medication').forEach(function (m) { medications['Medication/' + m.id] = m; });
      var facts = $('facts');
      facts.replaceChildren();
      addFact(facts, 'Name', [nameOf(patient)]);
      addFact(facts, 'Age, sex', [ageOf(patient.birthDate) + ' y, ' + (patient.gender || 'unknown') + ' (born '
        + (patient.birthDate || '?') + ')']);
      addFact(facts, 'Conditions', entries(r[1], 'Condition').map(function (c) {
        var status = c.clinicalStatus ? ' (' + conceptText(c.clinicalStatus) + ')' : '';
        return conceptText(c.code) + status;
      }));
      addFact(facts, 'Active medications', entries(r[2], 'MedicationRequest').map(function (m) {
        return medicationText(m, medications) + (m.authoredOn ? ' since ' + m.authoredOn : '');
      }).concat(entries(r[3], 'MedicationStatement').map(function (m) {
        return medicationText(m, medications) + ' (statement)';
      })));
      var tests = entries(r[4], 'Observation').sort(function (a, b) {
        return String(b.effectiveDateTime || b.issued || '').localeCompare(String(a.effectiveDateTime || a.issued || ''));
      });
      addFact(facts, 'Last TB test', tests.length
        ? [conceptText(tests[0].code) + ': ' + valueText(tests[0]) + ' on ' + (tests[0].effectiveDateTime || tests[0].issued || '?')]
        : ['none on record']);
      var draft = entries(r[5], 'MedicationRequest')[0] || null;
      state.draft = draft;
      fillDrugs();
      $('chart').hidden = false;
      $('app-status').textContent = 'Chart open: ' + nameOf(patient) + '.';
      return callHook('patient-view', { userId: USER, patientId: patient.id }, $('view-cards'));
    }).catch(function (error) {
      $('app-status').textContent = 'Could not open the chart: ' + error.message;
    });
  }

  function fillDrugs() {
    var drug = $('drug');
    drug.replaceChildren();
    if (state.draft) {
      drug.appendChild(el('option', null, 'Draft order on file: ' + medicationText(state.draft, {}))).value = 'draft';
    }
    Object.keys(state.drugs).sort().forEach(function (id) {
      var mk = state.drugs[id];
      var cls = ((((mk.medicineClassification || [])[0] || {}).classification || [])[0] || {});
      drug.appendChild(el('option', null, conceptText(mk.code) + ' (' + conceptText(cls) + ')')).value = id;
    });
    ['drug', 'product', 'dose', 'select-order', 'sign-order'].forEach(function (id) { $(id).disabled = false; });
    fillProducts();
  }

  function fillProducts() {
    var product = $('product');
    var dose = $('dose');
    product.replaceChildren();
    dose.replaceChildren();
    var id = $('drug').value;
    if (id === 'draft' && state.draft) {
      product.appendChild(el('option', null, medicationText(state.draft, {}))).value = 'draft';
      var instruction = ((state.draft.dosageInstruction || [])[0] || {}).text || '(as on file)';
      dose.appendChild(el('option', null, instruction)).value = 'draft';
      return Promise.resolve();
    }
    var mk = state.drugs[id];
    ((mk.administrationGuidelines || [])).forEach(function (guideline) {
      (guideline.dosage || []).forEach(function (d) {
        (d.dosage || []).forEach(function (dosage) {
          if (dosage.text) {
            dose.appendChild(el('option', null, dosage.text)).value = dosage.text;
          }
        });
      });
    });
    dose.appendChild(el('option', null, '(no dose given)')).value = '';
    return fhirGet('/ValueSet/' + encodeURIComponent(id)).then(function (vs) {
      var seen = {};
      function add(text, coding) {
        if (!text || seen[text.toLowerCase()]) {
          return;
        }
        seen[text.toLowerCase()] = true;
        product.appendChild(el('option', null, text + (coding ? ' [' + coding.code + ']' : ' (name only)')))
          .value = JSON.stringify({ text: text, coding: coding });
      }
      ((vs.compose && vs.compose.include) || []).forEach(function (include) {
        (include.concept || []).forEach(function (c) {
          add(c.display || c.code, { system: include.system, code: c.code, display: c.display });
        });
      });
      ((vs.compose && vs.compose.include) || []).forEach(function (include) {
        (include.concept || []).forEach(function (c) {
          (c.designation || []).forEach(function (d) { add(d.value, null); });
        });
      });
    }).catch(function (error) {
      $('order-status').textContent = 'Could not read the products of ' + id + ': ' + error.message;
    });
  }

  function draftOrder() {
    var patientId = state.patient.id;
    if ($('drug').value === 'draft' && state.draft) {
      var copy = JSON.parse(JSON.stringify(state.draft));
      copy.subject = { reference: 'Patient/' + patientId };
      return copy;
    }
    state.orderNumber += 1;
    var product = JSON.parse($('product').value || '{}');
    var order = {
      resourceType: 'MedicationRequest', id: 'demo-order-' + state.orderNumber, status: 'draft', intent: 'order',
      subject: { reference: 'Patient/' + patientId }, authoredOn: new Date().toISOString().slice(0, 10),
      medicationCodeableConcept: { text: product.text }
    };
    if (product.coding) {
      order.medicationCodeableConcept.coding = [product.coding];
    }
    if ($('dose').value) {
      order.dosageInstruction = [{ text: $('dose').value }];
    }
    return order;
  }

  function order(hook) {
    if (!state.patient) {
      return;
    }
    var draft = draftOrder();
    var context = { userId: USER, patientId: state.patient.id,
      draftOrders: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: draft }] } };
    if (hook === 'order-select') {
      context.selections = ['MedicationRequest/' + draft.id];
    }
    callHook(hook, context, $('order-cards'), $('order-status'));
  }

  function start() {
    Promise.all([
      fetch('/cds-services').then(readJson),
      fhirGet('/Patient?_count=200'),
      fhirGet('/MedicationKnowledge?_count=200')
    ]).then(function (r) {
      logCall('GET /cds-services', undefined, r[0].status, r[0].body);
      ((r[0].body && r[0].body.services) || []).forEach(function (s) { state.services[s.hook] = s.id; });
      entries(r[2], 'MedicationKnowledge').forEach(function (mk) { state.drugs[mk.id] = mk; });
      var select = $('patient');
      entries(r[1], 'Patient').sort(function (a, b) { return nameOf(a).localeCompare(nameOf(b)); })
        .forEach(function (p) {
          select.appendChild(el('option', null, nameOf(p) + ' (' + p.id + ')')).value = p.id;
        });
      $('app-status').textContent = 'Ready: ' + select.options.length + ' demo patients, '
        + Object.keys(state.drugs).length + ' biologics. Pick a patient and open the chart.';
    }).catch(function (error) {
      $('app-status').textContent = 'Could not load the demo data (is the sandbox FHIR server at /fhir on?): ' + error.message;
    });
    $('open-chart').addEventListener('click', openChart);
    $('drug').addEventListener('change', fillProducts);
    $('select-order').addEventListener('click', function () { order('order-select'); });
    $('sign-order').addEventListener('click', function () { order('order-sign'); });
  }

  document.addEventListener('DOMContentLoaded', start);
})();
