//! Accessibility checks with axe-core, injected into the real WebKitGTK page.

use std::path::PathBuf;
use std::sync::OnceLock;

use anyhow::{anyhow, bail, Context};
use serde_json::Value;

use crate::{App, Result};

const WCAG_TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/// Runs axe-core on the current screen and fails listing every WCAG 2.x A/AA violation.
pub async fn axe_check(app: &App, screen: &str) -> Result<()> {
    let client = app.client();
    let present = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await?;
    if present != Value::Bool(true) {
        client.execute(axe_source()?, vec![]).await?;
    }
    // `iframes: false`: the only frame is Tauri's hidden isolation frame, which is sandboxed
    // and cross-origin, so axe would wait a minute for an answer it can never get.
    let outcome = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {
               runOnly: { type: 'tag', values: arguments[0] },
               iframes: false,
               resultTypes: ['violations'],
             }).then(
               (r) => done({ violations: r.violations.map((v) => ({
                 id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
               })) }),
               (e) => done({ error: String(e) }),
             );",
            vec![serde_json::to_value(WCAG_TAGS)?],
        )
        .await?;
    if let Some(error) = outcome.get("error") {
        bail!("axe-core could not run on {screen}: {error}");
    }
    let violations = outcome["violations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if violations.is_empty() {
        return Ok(());
    }
    Err(anyhow!(
        "{} accessibility violation(s) on the {screen} screen:\n{}",
        violations.len(),
        describe(&violations)
    ))
}

fn describe(violations: &[Value]) -> String {
    let mut out = String::new();
    for violation in violations {
        out.push_str(&format!(
            "- [{}] {}: {}\n",
            violation["impact"].as_str().unwrap_or("?"),
            violation["id"].as_str().unwrap_or("?"),
            violation["help"].as_str().unwrap_or("")
        ));
        for node in violation["nodes"].as_array().into_iter().flatten() {
            out.push_str(&format!(
                "    at {}\n      {}\n",
                node["target"],
                node["summary"]
                    .as_str()
                    .unwrap_or("")
                    .replace('\n', "\n      ")
            ));
        }
    }
    out
}

/// axe.min.js from the UI's npm packages, read once per run.
fn axe_source() -> Result<&'static str> {
    static SOURCE: OnceLock<String> = OnceLock::new();
    if let Some(source) = SOURCE.get() {
        return Ok(source);
    }
    let path = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into())
        .join("../ui/node_modules/axe-core/axe.min.js");
    let source = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {} (run npm ci in ui/)", path.display()))?;
    Ok(SOURCE.get_or_init(|| source))
}
