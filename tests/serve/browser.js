// browser.js: drive headless Chromium through the DevTools protocol and
// check the docket-serve search page like a reader would use it.
//
//   node browser.js --chromium PATH --url http://127.0.0.1:PORT/ --screenshots DIR
//
// The protocol runs over --remote-debugging-pipe (file descriptors 3 and
// 4, messages ended by NUL), so no package and no WebSocket are needed.
// Exits 0 when every check passes and 1 with the failed check otherwise.
"use strict";

const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const STEP_TIMEOUT_MS = 15000;

function parseArgs(argv) {
  const args = {};
  for (let i = 2; i < argv.length; i += 2) args[argv[i].replace(/^--/, "")] = argv[i + 1];
  for (const name of ["chromium", "url", "screenshots"]) {
    if (!args[name]) throw new Error(`missing --${name}`);
  }
  return args;
}

// ---- DevTools protocol over a pipe ----------------------------------------

class Browser {
  constructor(executable) {
    this.profile = fs.mkdtempSync(path.join(os.tmpdir(), "docket-chromium-"));
    // A process group of its own, so that close() can end the helper
    // processes Chromium starts as well.
    this.process = spawn(executable, [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-extensions", "--remote-debugging-pipe", `--user-data-dir=${this.profile}`,
      "about:blank",
    ], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"], detached: true });
    this.exited = new Promise((resolve) => this.process.once("exit", resolve));
    this.stderr = "";
    this.process.stderr.on("data", (chunk) => { this.stderr += chunk; });
    this.nextId = 1;
    this.calls = new Map();
    this.listeners = [];
    this.buffer = "";
    this.process.stdio[4].on("data", (chunk) => this.receive(chunk));
    this.process.once("exit", () => {
      for (const { reject, method } of this.calls.values()) reject(new Error(`${method}: chromium exited`));
      this.calls.clear();
    });
  }

  receive(chunk) {
    this.buffer += chunk.toString("utf8");
    let end;
    while ((end = this.buffer.indexOf("\0")) >= 0) {
      const message = JSON.parse(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end + 1);
      if (message.id && this.calls.has(message.id)) {
        const { resolve, reject, method, timer } = this.calls.get(message.id);
        clearTimeout(timer);
        this.calls.delete(message.id);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      } else if (message.method) {
        for (const listener of this.listeners) listener(message);
      }
    }
  }

  send(method, params = {}, sessionId = undefined) {
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.calls.delete(id);
        reject(new Error(`${method}: no response in ${STEP_TIMEOUT_MS} ms`));
      }, STEP_TIMEOUT_MS);
      this.calls.set(id, { resolve, reject, method, timer });
      this.process.stdio[3].write(JSON.stringify(message) + "\0");
    });
  }

  on(listener) {
    this.listeners.push(listener);
  }

  killGroup() {
    try {
      process.kill(-this.process.pid, "SIGKILL");
    } catch (error) {
      // ESRCH: every process of the group has exited.
    }
  }

  // Close the browser, end its helper processes and remove the profile.
  // A profile that cannot be removed is reported, not a test failure.
  async close() {
    await Promise.race([this.send("Browser.close").catch(() => {}), sleep(3000)]);
    await Promise.race([this.exited, sleep(2000)]);
    this.killGroup();
    await this.exited;
    for (let attempt = 1; ; attempt++) {
      try {
        fs.rmSync(this.profile, { recursive: true, force: true });
        return;
      } catch (error) {
        if (attempt === 20) {
          console.warn(`browser: could not remove ${this.profile}: ${error.message}`);
          return;
        }
        this.killGroup();
        await sleep(100);
      }
    }
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---- One page -------------------------------------------------------------

class Page {
  constructor(browser, sessionId) {
    this.browser = browser;
    this.sessionId = sessionId;
    this.dialogs = [];
    this.problems = [];
    browser.on((message) => {
      if (message.sessionId !== sessionId) return;
      if (message.method === "Page.javascriptDialogOpening") {
        this.dialogs.push(message.params.message);
        this.send("Page.handleJavaScriptDialog", { accept: false }).catch(() => {});
      } else if (message.method === "Runtime.exceptionThrown") {
        const details = message.params.exceptionDetails;
        this.problems.push(`exception: ${details.exception ? details.exception.description : details.text}`);
      } else if (message.method === "Log.entryAdded" && /Content Security Policy/.test(message.params.entry.text)) {
        this.problems.push(`CSP: ${message.params.entry.text}`);
      }
    });
  }

  static async open(browser) {
    const { targetId } = await browser.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await browser.send("Target.attachToTarget", { targetId, flatten: true });
    const page = new Page(browser, sessionId);
    for (const domain of ["Page", "Runtime", "Log"]) await page.send(`${domain}.enable`);
    await page.send("Emulation.setDeviceMetricsOverride",
                    { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
    return page;
  }

  send(method, params) {
    return this.browser.send(method, params, this.sessionId);
  }

  async evaluate(expression) {
    const { result, exceptionDetails } = await this.send("Runtime.evaluate",
      { expression, returnByValue: true, awaitPromise: true });
    if (exceptionDetails) throw new Error(`evaluating ${expression}: ${exceptionDetails.text}`);
    return result.value;
  }

  // Wait until `expression` is true and no request of the page is running.
  async waitFor(expression, what) {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    const ready = `(${expression}) && !document.getElementById("main").hasAttribute("aria-busy")`;
    while (Date.now() < deadline) {
      if (await this.evaluate(ready)) return;
      await sleep(50);
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  async goto(url) {
    await this.send("Page.navigate", { url });
    await this.waitFor(`document.readyState === "complete"`, `the page at ${url}`);
  }

  async typeAndEnter(selector, text) {
    await this.evaluate(`(() => { const input = document.querySelector(${JSON.stringify(selector)});
      input.focus(); input.select(); })()`);
    await this.send("Input.insertText", { text });
    const enter = { key: "Enter", code: "Enter", windowsVirtualKeyCode: 13, text: "\r" };
    await this.send("Input.dispatchKeyEvent", { type: "keyDown", ...enter });
    await this.send("Input.dispatchKeyEvent", { type: "keyUp", ...enter });
  }

  // Click the middle of the element like a mouse would.
  async click(selector) {
    const box = await this.evaluate(`(() => {
      const node = document.querySelector(${JSON.stringify(selector)});
      if (!node) return null;
      node.scrollIntoView({ block: "center" });
      const rect = node.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    })()`);
    if (!box) throw new Error(`no element ${selector} to click`);
    for (const type of ["mousePressed", "mouseReleased"]) {
      await this.send("Input.dispatchMouseEvent", { type, x: box.x, y: box.y, button: "left", clickCount: 1 });
    }
  }

  async screenshot(file) {
    const { data } = await this.send("Page.captureScreenshot", { format: "png" });
    fs.writeFileSync(file, Buffer.from(data, "base64"));
  }
}

// ---- Checks ---------------------------------------------------------------

let checks = 0;

function check(condition, message) {
  checks++;
  if (!condition) throw new Error(`check failed: ${message}`);
}

const RESULTS = `document.querySelectorAll("#results li.result").length`;
const AGREED = `#facets a[data-facet="status"][data-value="agreed"]`;

async function searchScenario(page, url, screenshots) {
  await page.goto(url);
  await page.waitFor(`document.getElementById("status").textContent !== ""`, "the first results");

  await page.typeAndEnter("#q", 'by:"Wei Zhou"');
  await page.waitFor(`${RESULTS} === 3`, "three results of Wei Zhou");
  check(await page.evaluate(`new URLSearchParams(location.search).get("q")`) === 'by:"Wei Zhou"',
        "the query is in the URL");

  await page.click(AGREED);
  await page.waitFor(`${RESULTS} === 2`, "two results after the status facet");
  check(await page.evaluate(`document.getElementById("q").value`) === 'by:"Wei Zhou" status:agreed',
        "the facet added status:agreed to the query");
  check(await page.evaluate(`document.querySelector(${JSON.stringify(AGREED)}).classList.contains("active")`),
        "the facet is marked active");
  await page.screenshot(path.join(screenshots, "serve-screenshot.png"));

  await page.click(AGREED);
  await page.waitFor(`${RESULTS} === 3`, "three results after the second click");
  check(await page.evaluate(`document.getElementById("q").value`) === 'by:"Wei Zhou"',
        "the second click removed the filter");

  await page.evaluate("history.back()");
  await page.waitFor(`${RESULTS} === 2 && document.getElementById("q").value.includes("status:agreed")`,
                     "back to the filtered results");
  await page.evaluate("history.forward()");
  await page.waitFor(`${RESULTS} === 3 && !document.getElementById("q").value.includes("status")`,
                     "forward to the unfiltered results");
  await page.evaluate("history.back()");
  await page.waitFor(`${RESULTS} === 2`, "back again to the filtered results");

  await page.click(`#results li.result[data-id^="SEC-2014-0044@"] h2 a`);
  await page.waitFor(`!document.getElementById("record-view").hidden && document.querySelector("#record-view table.decisions")`,
                     "the record of SEC-2014-0044");
  const decisions = await page.evaluate(`Array.from(document.querySelectorAll("#record-view table.decisions tbody tr"),
    (row) => Array.from(row.cells, (cell) => cell.textContent.trim()))`);
  check(JSON.stringify(decisions[0]) === JSON.stringify(["SEC-2014-0044R01", "noted", "revision expected"]),
        `first decision row: ${JSON.stringify(decisions[0])}`);
  check(JSON.stringify(decisions[1]) === JSON.stringify(["SEC-2014-0044R03", "agreed", ""]),
        `second decision row: ${JSON.stringify(decisions[1])}`);
  const links = await page.evaluate(`Array.from(document.querySelectorAll("#record-view a[data-nav]"),
    (a) => new URLSearchParams(new URL(a.href).search).get("q"))`);
  for (const query of ['spec:"TS-0003"', 'by:"Wei Zhou"', "company:Datang", "doc:SEC-2014-0044R03"]) {
    check(links.includes(query), `the record links to the search ${query}`);
  }
  await page.screenshot(path.join(screenshots, "serve-screenshot-record.png"));

  await page.click(`#record-view a[href*="spec%3A%22TS-0003%22"]`);
  await page.waitFor(`document.getElementById("record-view").hidden && ${RESULTS} > 0`, "the search for TS-0003");
  check(await page.evaluate(`document.getElementById("q").value`) === 'spec:"TS-0003"',
        "the spec link searches for the spec");
}

async function injectionScenario(page, url) {
  await page.goto(new URL("/?q=injection%20probe", url).href);
  await page.waitFor(`${RESULTS} >= 1`, "the injection probe");
  const title = await page.evaluate(`document.querySelector("#results li.result h2").textContent`);
  check(title.includes("<script>alert(1)</script>"), `the title shows as text: ${title}`);
  const snippet = await page.evaluate(`document.querySelector("#results li.result .snippet").textContent`);
  check(snippet.includes("<img src=x onerror=alert(2)>"), `the snippet shows as text: ${snippet}`);

  await page.click("#results li.result h2 a");
  await page.waitFor(`!document.getElementById("record-view").hidden && document.querySelector("#record-view .text")`,
                     "the record of the injection probe");
  const text = await page.evaluate(`document.querySelector("#record-view .text").textContent`);
  check(text.includes("<img src=x onerror=alert(2)>"), "the record text shows as text");
  check(await page.evaluate(`document.querySelectorAll("main script, main img, main iframe").length`) === 0,
        "no element was made from index data");
  await sleep(500);
  check(page.dialogs.length === 0, `no dialog opened: ${JSON.stringify(page.dialogs)}`);
}

async function main() {
  const args = parseArgs(process.argv);
  const started = Date.now();
  const browser = new Browser(args.chromium);
  let code = 0;
  try {
    const page = await Page.open(browser);
    await searchScenario(page, args.url, args.screenshots);
    await injectionScenario(page, args.url);
    check(page.problems.length === 0, `no script error or CSP violation: ${page.problems.join("; ")}`);
    console.log(`browser: ${checks} checks passed in ${Date.now() - started} ms`);
  } catch (error) {
    console.error(`browser: ${error.message}`);
    if (browser.stderr) console.error(`chromium stderr (last lines):\n${browser.stderr.split("\n").slice(-10).join("\n")}`);
    code = 1;
  } finally {
    await browser.close();
  }
  process.exit(code);
}

main();
