use std::io::Write;
use std::path::Path;

use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{b64, DbKey, KdfParams, Slot, SlotKind};
use crate::{Error, Result};

const FORMAT: u32 = 1;

/// The file beside the database that holds the key slots and the unlock throttle. It must be
/// readable without the key, so it holds nothing secret: no names, no passwords, no key in
/// the clear.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Keyfile {
    pub format: u32,
    /// Salt for the user-name tags, random per forum.
    pub tag_salt: String,
    pub slots: Vec<Slot>,
    #[serde(default)]
    pub throttle: Throttle,
}

/// Failed unlocks, kept on disk so that restarting the app does not reset the count.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Throttle {
    pub failures: u32,
    /// RFC 3339 UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_failure: Option<String>,
}

impl Keyfile {
    pub fn new() -> Self {
        let mut salt = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        Self {
            format: FORMAT,
            tag_salt: b64(&salt),
            slots: Vec::new(),
            throttle: Throttle::default(),
        }
    }

    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                Error::not_found("No forum has been set up here yet (the key file is missing).")
            }
            _ => Error::from(e),
        })?;
        let file: Keyfile = serde_json::from_slice(&text)
            .map_err(|e| Error::internal(format!("The key file is damaged: {e}")))?;
        if file.format != FORMAT {
            return Err(Error::internal(format!(
                "The key file is format {}, which this version of ForumDesk does not know.",
                file.format
            )));
        }
        Ok(file)
    }

    /// Writes to a temporary file, syncs it, then renames it over the old one, so a crash
    /// leaves either the old or the new file and never half of one.
    pub fn save(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::internal(format!("The key file could not be written: {e}")))?;
        let tmp = crate::paths::sibling(path, ".tmp");
        {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(&json)?;
            file.sync_all()?;
        }
        std::fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // Directory fsync makes the rename durable on Linux; other systems may refuse it.
            if let Ok(dir) = std::fs::File::open(dir) {
                let _ = dir.sync_all();
            }
        }
        Ok(())
    }

    pub fn user_tag(&self, username: &str) -> String {
        let mut hasher = Sha256::new();
        hasher.update(b"forumdesk-user-tag-v1\0");
        hasher.update(self.tag_salt.as_bytes());
        hasher.update(b"\0");
        hasher.update(username.trim().to_lowercase().as_bytes());
        hex::encode(hasher.finalize())
    }

    pub fn user_slot(&self, username: &str) -> Option<&Slot> {
        let tag = self.user_tag(username);
        self.slots
            .iter()
            .find(|s| s.kind == SlotKind::User && s.user_tag.as_deref() == Some(tag.as_str()))
    }

    pub fn recovery_slot(&self) -> Option<&Slot> {
        self.slots.iter().find(|s| s.kind == SlotKind::Recovery)
    }

    /// Adds or replaces the slot for a user (by user id). Other slots are left alone, so a
    /// password change re-wraps only its own slot.
    pub fn set_user_slot(
        &mut self,
        user_id: &str,
        username: &str,
        password: &str,
        key: &DbKey,
    ) -> Result<()> {
        let slot = Slot::wrap(
            user_id,
            SlotKind::User,
            Some(self.user_tag(username)),
            password.as_bytes(),
            key,
            KdfParams::CURRENT,
        )?;
        self.put(slot);
        Ok(())
    }

    pub fn put(&mut self, slot: Slot) {
        self.slots
            .retain(|s| !(s.id == slot.id && s.kind == slot.kind));
        self.slots.push(slot);
    }

    pub fn remove_user_slot(&mut self, user_id: &str) {
        self.slots
            .retain(|s| !(s.kind == SlotKind::User && s.id == user_id));
    }
}

impl Default for Keyfile {
    fn default() -> Self {
        Self::new()
    }
}
