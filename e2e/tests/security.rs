//! The real webview enforces what tauri.conf.json promises: the CSP, frozen prototypes and the
//! isolation frame. Checked in WebKitGTK itself, since a config typo would not fail a build.

use forumdesk_e2e::screens::SETUP_HEADING;
use forumdesk_e2e::{App, Result, TauriDriver};
use serde_json::Value;

async fn run(app: &App, script: &str) -> Result<Value> {
    Ok(app.client().execute(script, vec![]).await?)
}

#[tokio::test]
async fn the_window_is_locked_down() -> Result<()> {
    let driver = TauriDriver::start()?;
    let app = App::launch(&driver).await?;
    app.wait_for_heading(SETUP_HEADING).await?;

    let eval = run(
        &app,
        "try { eval('1'); return 'ran'; } catch (e) { return e.name; }",
    )
    .await?;
    assert_eq!(eval, "EvalError", "the CSP must refuse eval");

    let inline_style = run(
        &app,
        "const s = document.createElement('style');
         s.textContent = 'body { background-color: rgb(255, 0, 0) }';
         document.head.append(s);
         const colour = getComputedStyle(document.body).backgroundColor;
         s.remove();
         return colour;",
    )
    .await?;
    assert_ne!(
        inline_style, "rgb(255, 0, 0)",
        "the CSP must refuse inline styles"
    );

    let frozen = run(&app, "return Object.isFrozen(Object.prototype);").await?;
    assert_eq!(frozen, true, "freezePrototype must be on");

    let frame = run(
        &app,
        "const f = document.getElementById('__tauri_isolation__');
         return f ? [f.getAttribute('sandbox'), getComputedStyle(f).display] : null;",
    )
    .await?;
    assert_eq!(
        frame,
        serde_json::json!(["allow-scripts", "none"]),
        "the isolation frame must exist, sandboxed and hidden"
    );

    app.close().await?;
    Ok(())
}
