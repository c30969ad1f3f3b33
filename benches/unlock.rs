//! Unlock time: what a volunteer waits after pressing "Unlock". Dominated by Argon2id with
//! `KdfParams::CURRENT`; the issue asks for 0.2–1 s on a 2-core laptop. Also the raw KDF
//! alone at the current and floor settings, so a change of parameters shows its cost.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use forumdesk::crypto::{DbKey, KdfParams, Slot, SlotKind};
use forumdesk::{SetupInput, UnlockInput, Vault};

const PASSWORD: &str = "violet kettle harbour 97";

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = Vault::new(dir.path().join("forum.db"));
    runtime.block_on(async {
        let input = SetupInput {
            forum_name: "Bench Forum".into(),
            admin_username: "chair".into(),
            admin_display_name: "Chair".into(),
            password: PASSWORD.into(),
            password_confirm: PASSWORD.into(),
        };
        vault.init(input).await.expect("init").0.lock().await;
    });

    let mut group = c.benchmark_group("unlock");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("password_unlock_and_lock", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let input = UnlockInput {
                    username: "chair".into(),
                    password: PASSWORD.into(),
                };
                vault.unlock(input).await.expect("unlock").lock().await;
            })
        })
    });
    let key = DbKey::generate();
    for (name, params) in [
        ("kdf_current_128MiB_t3", KdfParams::CURRENT),
        ("kdf_floor_64MiB_t3", KdfParams::FLOOR),
    ] {
        let slot = Slot::wrap(
            "bench",
            SlotKind::User,
            None,
            PASSWORD.as_bytes(),
            &key,
            params,
        )
        .expect("wrap");
        group.bench_function(name, |b| {
            b.iter(|| slot.unwrap_key(PASSWORD.as_bytes()).expect("unwrap"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
