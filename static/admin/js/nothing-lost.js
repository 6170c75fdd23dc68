// Nothing lost (templates/admin/publishing/nothing_lost.html): autosave every
// N seconds, restore an autosave or the text kept across an ended session, and
// show who else is editing (a heartbeat). Plain JS; CSRF in a header.
(() => {
  "use strict";
  const box = document.getElementById("nothing-lost");
  if (!box) return;
  const form = box.closest("form");
  const status = box.querySelector(".autosave-status");
  const presenceList = box.querySelector(".presence-notice");
  const SKIPPED = new Set(["csrfmiddlewaretoken", "_keep_owner"]);
  // The admin's catalogue (jsi18n, templates/admin/base_site.html) in the
  // staff member's language; without it, the English texts.
  const gettext = window.gettext || ((text) => text);
  const SESSION_ENDED = gettext(
    "Your session has ended, so autosave stopped. Nothing is lost: press Save, log in again, and your text comes back in the form."
  );

  const csrfToken = () => {
    const field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  };

  const editors = () => (window.CKEDITOR ? Object.values(window.CKEDITOR.instances) : []);

  // The form's fields as the server reads them: no files, no tokens.
  const fields = () => {
    for (const editor of editors()) editor.updateElement();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value === "string" && !SKIPPED.has(name)) params.append(name, value);
    }
    return params;
  };

  const setEditor = (id, html) => {
    if (!window.CKEDITOR) return;
    const editor = window.CKEDITOR.instances[id];
    if (editor && editor.status === "ready") {
      editor.setData(html);
    } else {
      window.CKEDITOR.on("instanceReady", (event) => {
        if (event.editor.name === id) event.editor.setData(html);
      });
    }
  };

  // Put saved values back into the form: {name: [values]}.
  const fill = (data) => {
    for (const [name, values] of Object.entries(data)) {
      for (const element of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
        if (element.type === "file") continue;
        if (element.type === "checkbox" || element.type === "radio") {
          element.checked = values.includes(element.value);
        } else if (element.tagName === "SELECT") {
          for (const option of element.options) option.selected = values.includes(option.value);
        } else {
          element.value = values[0] === undefined ? "" : values[0];
        }
        element.dispatchEvent(new Event("change", { bubbles: true }));
        if (element.tagName === "TEXTAREA" && element.id) setEditor(element.id, element.value);
      }
    }
  };

  const send = async (url, method, body) => {
    const response = await fetch(url, {
      method,
      body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    });
    const type = response.headers.get("content-type") || "";
    const json = type.includes("application/json") ? await response.json() : null;
    return { response, json };
  };

  const say = (text, refused) => {
    status.textContent = text;
    status.classList.toggle("is-refused", Boolean(refused));
  };

  // --- Autosave ------------------------------------------------------------
  let last = null; // what the server has, or the form as it opened
  let restored = false; // text put back that the server does not have yet
  let stopped = false;
  const baseline = () => {
    if (!restored) last = fields().toString();
  };
  // An editor ready after the page: only its own field's normalised text joins
  // the baseline. (Taking the whole form again would count what was typed
  // meanwhile, in the title say, as already stored, and never autosave it.)
  const rebaseEditor = (event) => {
    if (restored || last === null) return;
    const editor = event.editor;
    editor.updateElement();
    const element = editor.element && editor.element.$;
    if (!element || !element.name) return;
    const params = new URLSearchParams(last);
    params.set(element.name, element.value);
    last = params.toString();
  };
  const markRestored = () => {
    restored = true;
    last = ""; // the next tick stores it
  };

  const autosave = async () => {
    if (stopped) return;
    const body = fields();
    const text = body.toString();
    if (last === null) {
      last = text;
      return;
    }
    if (text === last) return;
    try {
      const { response, json } = await send(box.dataset.autosaveUrl, "POST", body);
      if (response.ok && json) {
        last = text;
        say(json.message, false);
      } else if (json && json.error) {
        say(json.error, true);
        if (response.status === 409 || response.status === 403) stopped = true;
      } else {
        say(SESSION_ENDED, true); // redirected to the login page
        stopped = true;
      }
    } catch (error) {
      say(gettext("Autosave could not reach the server; it will try again."), true);
    }
  };

  if (box.dataset.autosaveUrl) {
    // The form as it opened, once the editors have normalised their text.
    document.addEventListener("DOMContentLoaded", baseline);
    // Saving: no autosave may land after the save (it would outlive it).
    form.addEventListener("submit", () => {
      stopped = true;
    });
    if (window.CKEDITOR) window.CKEDITOR.on("instanceReady", rebaseEditor);
    window.setInterval(autosave, Number(box.dataset.autosaveSeconds) * 1000);
  }

  // --- Restore -----------------------------------------------------------------
  const readJson = (id) => {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  };

  const kept = readJson("kept-text-data");
  if (kept) {
    fill(kept);
    markRestored();
  }

  const offer = box.querySelector(".autosave-offer");
  if (offer) {
    offer.querySelector("[data-autosave-restore]").addEventListener("click", () => {
      fill(readJson("autosave-data"));
      offer.remove();
      markRestored();
      say(gettext("The autosave is back in the form. Press Save to keep it."), false);
    });
    offer.querySelector("[data-autosave-discard]").addEventListener("click", async () => {
      offer.remove();
      const { json } = await send(box.dataset.autosaveUrl, "DELETE");
      say(json && json.discarded ? gettext("The autosave was discarded.") : SESSION_ENDED, !json);
    });
  }

  // --- Presence ------------------------------------------------------------------
  const showOthers = (others) => {
    presenceList.replaceChildren(
      ...others.map((other) => {
        const item = document.createElement("li");
        const note = document.createElement("span");
        note.className = "presence-note";
        note.textContent = gettext("If you both save, the later save is refused.");
        item.append(`${other.message}. `, note);
        return item;
      }),
    );
    presenceList.hidden = others.length === 0;
  };

  const heartbeat = async () => {
    try {
      const { response, json } = await send(box.dataset.presenceUrl, "POST");
      if (response.ok && json) showOthers(json.others);
    } catch (error) {
      // Presence is a courtesy: the stale-save refusal is the safety net.
    }
  };

  if (box.dataset.presenceUrl) {
    heartbeat();
    window.setInterval(heartbeat, Number(box.dataset.presenceSeconds) * 1000);
    // The page is going (saved, a link, the tab closed): say so, so that a
    // colleague opening the item is not told someone is still editing it. A
    // beacon carries no header: the CSRF token goes in the body.
    window.addEventListener("pagehide", () => {
      const data = new FormData();
      data.append("csrfmiddlewaretoken", csrfToken());
      data.append("leave", "1");
      navigator.sendBeacon(box.dataset.presenceUrl, data);
    });
  }
})();
