// The searchable picker (lib/picker.py): a text box taking a code becomes a combobox that asks
// the server for a few matches as one types. A chosen entry is written as its label ending in
// "(code)"; a field of several codes shows them as chips and keeps them, comma-separated, in the
// original (now hidden) input. Without this script the boxes still take typed codes.
(function () {
  "use strict";
  var DELAY = 250;

  function text(el, name, fallback) {
    return el.getAttribute(name) || fallback;
  }

  function Picker(input) {
    this.input = input;
    this.url = input.getAttribute("data-picker");
    this.list = document.getElementById(input.getAttribute("aria-controls"));
    this.status = input.parentNode.querySelector(".picker-status");
    this.options = [];
    this.active = -1;
    this.timer = null;
    this.asked = 0;
    this.multiple = input.hasAttribute("data-picker-multiple");
    if (this.multiple) this.makeMultiple();
    this.listen();
  }

  Picker.prototype.makeMultiple = function () {
    var original = this.input;
    var search = document.createElement("input");
    search.type = "text";
    search.className = original.className;
    search.id = original.id;
    search.setAttribute("autocomplete", "off");
    ["role", "aria-autocomplete", "aria-expanded", "aria-controls", "aria-describedby"].forEach(function (name) {
      if (original.hasAttribute(name)) search.setAttribute(name, original.getAttribute(name));
    });
    search.setAttribute("placeholder", text(original, "data-picker-placeholder", ""));
    original.id = original.id + "-value";
    original.type = "hidden";
    ["role", "aria-autocomplete", "aria-expanded", "aria-controls"].forEach(function (name) {
      original.removeAttribute(name);
    });
    this.chips = document.createElement("ul");
    this.chips.className = "picker-chips list-unstyled";
    original.parentNode.insertBefore(this.chips, original);
    original.parentNode.insertBefore(search, original);
    this.hidden = original;
    this.input = search;
    this.chosen = [];
    var self = this;
    JSON.parse(original.getAttribute("data-picker-multiple") || "[]").forEach(function (item) {
      self.add(item);
    });
  };

  Picker.prototype.listen = function () {
    var self = this;
    // A choice made in another scheme means another unit: changing an included field clears it.
    var include = (this.hidden || this.input).getAttribute("data-picker-include");
    if (include && this.input.form) {
      include.split(",").forEach(function (name) {
        var field = self.input.form.elements[name];
        if (field && field.addEventListener) {
          field.addEventListener("change", function () {
            self.input.value = "";
            self.close();
          });
        }
      });
    }
    this.input.addEventListener("input", function () {
      clearTimeout(self.timer);
      self.timer = setTimeout(function () { self.search(); }, DELAY);
    });
    this.input.addEventListener("keydown", function (event) { self.key(event); });
    this.input.addEventListener("blur", function () {
      setTimeout(function () { self.close(); }, 200);
    });
    this.list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) self.choose(Number(option.getAttribute("data-index")));
    });
  };

  Picker.prototype.search = function () {
    var self = this;
    var query = this.input.value.trim();
    if (query.length < 1) { this.close(); return; }
    var asked = ++this.asked;
    var url = new URL(this.url, window.location.href);
    url.searchParams.set("q", query);
    // data-picker-include="scheme": the current value of another field of the form goes along.
    var include = (this.hidden || this.input).getAttribute("data-picker-include");
    var form = this.input.form;
    if (include && form) {
      include.split(",").forEach(function (name) {
        var field = form.elements[name];
        if (field && field.value) url.searchParams.set(name, field.value);
      });
    }
    fetch(url.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { if (asked === self.asked) self.show(data.results || []); })
      .catch(function () { if (asked === self.asked) self.show([]); });
  };

  Picker.prototype.show = function (results) {
    var self = this;
    this.options = results;
    this.active = -1;
    this.list.textContent = "";
    var source = this.hidden || this.input;
    if (!results.length) {
      var none = document.createElement("li");
      none.className = "list-group-item text-muted picker-none";
      none.textContent = text(source, "data-picker-none", "—");
      this.list.appendChild(none);
    }
    results.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = self.list.id + "-" + index;
      option.className = "list-group-item list-group-item-action";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-index", String(index));
      var label = document.createElement("span");
      label.textContent = item.label;
      option.appendChild(label);
      if (item.hint) {
        var hint = document.createElement("small");
        hint.className = "d-block text-muted";
        hint.textContent = item.hint;
        option.appendChild(hint);
      }
      self.list.appendChild(option);
    });
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    if (this.status) this.status.textContent = results.length + " " + text(source, "data-picker-found", "");
  };

  Picker.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Picker.prototype.move = function (step) {
    if (!this.options.length) return;
    var options = this.list.querySelectorAll("[role=option]");
    if (this.active >= 0) options[this.active].setAttribute("aria-selected", "false");
    this.active = (this.active + step + options.length) % options.length;
    var option = options[this.active];
    option.setAttribute("aria-selected", "true");
    option.scrollIntoView({ block: "nearest" });
    this.input.setAttribute("aria-activedescendant", option.id);
  };

  Picker.prototype.key = function (event) {
    var open = !this.list.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) { this.search(); return; }
      this.move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && open) {
      event.preventDefault();
      this.choose(this.active >= 0 ? this.active : 0);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      this.close();
    } else if (event.key === "Backspace" && this.multiple && !this.input.value && this.chosen.length) {
      this.remove(this.chosen[this.chosen.length - 1].value);
    }
  };

  Picker.prototype.choose = function (index) {
    var item = this.options[index];
    if (!item) return;
    if (this.multiple) {
      var self = this;
      (item.members && item.members.length ? item.members : [item]).forEach(function (member) {
        self.add(member);
      });
      this.input.value = "";
    } else {
      this.input.value = item.label;
      this.input.dispatchEvent(new Event("change", { bubbles: true }));
    }
    this.close();
    if (this.status) this.status.textContent = item.label;
  };

  Picker.prototype.add = function (item) {
    if (this.chosen.some(function (c) { return c.value === item.value; })) return;
    this.chosen.push(item);
    var self = this;
    var chip = document.createElement("li");
    chip.className = "picker-chip";
    chip.setAttribute("data-value", item.value);
    var label = document.createElement("span");
    label.textContent = item.label;
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "btn-close";
    remove.setAttribute("aria-label", text(this.hidden, "data-picker-remove", "×") + " " + item.label);
    remove.addEventListener("click", function () { self.remove(item.value); self.input.focus(); });
    chip.appendChild(label);
    chip.appendChild(remove);
    this.chips.appendChild(chip);
    this.sync();
  };

  Picker.prototype.remove = function (value) {
    this.chosen = this.chosen.filter(function (c) { return c.value !== value; });
    var chip = this.chips.querySelector('[data-value="' + CSS.escape(value) + '"]');
    if (chip) chip.remove();
    this.sync();
  };

  Picker.prototype.sync = function () {
    this.hidden.value = this.chosen.map(function (c) { return c.value; }).join(", ");
  };

  function start(root) {
    root.querySelectorAll("input[data-picker]").forEach(function (input) {
      if (input.pickerStarted) return;
      input.pickerStarted = true;
      new Picker(input);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { start(document); });
  } else {
    start(document);
  }
  document.addEventListener("htmx:load", function (event) { start(event.target); });
})();
