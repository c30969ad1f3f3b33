//! The sign-up kiosk. The core decides what a kiosk session may do (nothing but sign-ups);
//! the shell only makes the main window full-screen while it runs. Full-screen is comfort,
//! not the lock: a window that fails to go full-screen still holds a kiosk session.

use forumdesk::drives::kiosk::{self, KioskForm, KioskSubmission, LeaveKioskInput};
use forumdesk::{Error, SessionInfo};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::AppState;

fn set_fullscreen<R: Runtime>(app: &AppHandle<R>, on: bool) {
    if let Some(window) = app.get_webview_window("main") {
        if let Err(error) = window.set_fullscreen(on) {
            eprintln!("ForumDesk could not change the window to full-screen={on}: {error}");
        }
    }
}

/// Turns the signed-in volunteer's session into the kiosk for a drive, full-screen.
#[tauri::command]
pub async fn start_kiosk<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    drive_id: String,
) -> Result<SessionInfo, Error> {
    state.activity();
    let info = kiosk::start(&*state.session().await?, &drive_id).await?;
    set_fullscreen(&app, true);
    Ok(info)
}

/// Ends kiosk mode with a volunteer's password, and leaves full-screen.
#[tauri::command]
pub async fn leave_kiosk<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: LeaveKioskInput,
) -> Result<SessionInfo, Error> {
    state.activity();
    let info = kiosk::leave(&*state.session().await?, input).await?;
    set_fullscreen(&app, false);
    Ok(info)
}

#[tauri::command]
pub async fn kiosk_form(state: State<'_, AppState>) -> Result<KioskForm, Error> {
    state.activity();
    kiosk::form(&*state.session().await?).await
}

#[tauri::command]
pub async fn submit_kiosk_signup(
    state: State<'_, AppState>,
    input: KioskSubmission,
) -> Result<(), Error> {
    state.activity();
    kiosk::submit(&*state.session().await?, input).await
}
