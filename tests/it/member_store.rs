//! Members' own positions in the store, on both databases: set and read back with the group's in
//! one query, moved forward only, counted per section, counted behind a plan; and forgetting a
//! member or a whole server.

use crate::support::databases::{TestStore, on_both_databases};
use seminar_store::{
    Advanced, CatchUp, Erased, Forget, Member, Place, Plan, PlanStatus, Positions, Verdict,
};

on_both_databases!(
    an_own_position_is_read_with_the_groups_and_kept_per_text,
    reading_it_moves_a_position_forward_never_back,
    positions_are_counted_per_section_and_behind_a_plan,
    forgetting_a_member_keeps_their_approved_prompts_without_their_name,
    forgetting_a_server_removes_its_rows_and_no_other_servers,
);

const GUILD: u64 = 1;

fn member(id: u64) -> Member<'static> {
    Member {
        guild: GUILD,
        member: id,
        text: "essay",
    }
}

fn plan(guild: u64, channel: u64) -> Plan {
    Plan {
        id: 0,
        guild,
        channel,
        channel_kind: 0,
        next_section: 3,
        start_date: "2026-11-27".into(),
        every_days: 1,
        at_time: "19:00".into(),
        timezone: "UTC".into(),
        next_occurrence: 0,
        threads: true,
        catch_up: CatchUp::All,
        status: PlanStatus::Active,
        paused_reason: None,
        notify_channel: channel,
        created_by: 7,
        text: Some("essay".into()),
    }
}

async fn an_own_position_is_read_with_the_groups_and_kept_per_text(db: &TestStore) {
    let store = &db.store;
    store
        .set_reading(Place::Guild(GUILD), Some(8))
        .await
        .unwrap();
    assert_eq!(
        store.positions(member(7), 10, None).await.unwrap(),
        Positions {
            server: Some(8),
            ..Positions::default()
        }
    );
    store.set_own_position(member(7), 3, 100).await.unwrap();
    let positions = store.positions(member(7), 10, None).await.unwrap();
    assert_eq!((positions.own, positions.group()), (Some(3), Some(8)));
    let other_text = Member {
        text: "federalist",
        ..member(7)
    };
    assert_eq!(
        store.positions(other_text, 10, None).await.unwrap().own,
        None
    );
    assert_eq!(
        store.positions(member(8), 10, None).await.unwrap().own,
        None
    );
    // Another process sees it too.
    let other = db.reopen().await;
    assert_eq!(other.own_position(member(7)).await.unwrap(), Some(3));
}

async fn reading_it_moves_a_position_forward_never_back(db: &TestStore) {
    let store = &db.store;
    let advance = |section| store.advance_own_position(member(7), section, 100);
    assert_eq!(advance(5).await.unwrap(), Advanced::Moved);
    assert_eq!(advance(5).await.unwrap(), Advanced::Already(5));
    assert_eq!(advance(2).await.unwrap(), Advanced::Already(5));
    assert_eq!(advance(9).await.unwrap(), Advanced::Moved);
    assert_eq!(store.own_position(member(7)).await.unwrap(), Some(9));
    // Setting it takes it back too.
    store.set_own_position(member(7), 1, 200).await.unwrap();
    assert_eq!(store.own_position(member(7)).await.unwrap(), Some(1));
}

async fn positions_are_counted_per_section_and_behind_a_plan(db: &TestStore) {
    let store = &db.store;
    for (id, section) in [(7, 3), (8, 3), (9, 6)] {
        store
            .set_own_position(member(id), section, 100)
            .await
            .unwrap();
    }
    assert_eq!(
        store.position_counts(GUILD, "essay").await.unwrap(),
        [(3, 2), (6, 1)]
    );
    assert_eq!(store.position_counts(2, "essay").await.unwrap(), []);
    let plan_id = store.create_plan(&plan(GUILD, 10)).await.unwrap();
    assert_eq!(
        store.members_behind(GUILD, "essay", plan_id).await.unwrap(),
        0
    );
    let (intent, _) = store.intend_post(plan_id, 0, 5, "n0", 100).await.unwrap();
    let mut posted = intent.clone();
    posted.message = Some(55);
    store.complete_post(&posted, 6, 1, false).await.unwrap();
    assert_eq!(
        store.members_behind(GUILD, "essay", plan_id).await.unwrap(),
        2
    );
}

async fn forgetting_a_member_keeps_their_approved_prompts_without_their_name(db: &TestStore) {
    let store = &db.store;
    store.set_own_position(member(7), 3, 100).await.unwrap();
    let approved = store.suggest(GUILD, 7, 3, "Kept?", 100).await.unwrap();
    store.suggest(GUILD, 7, 4, "Gone?", 100).await.unwrap();
    store
        .decide(GUILD, approved, Verdict::Approved, 8)
        .await
        .unwrap();
    store.suggest(2, 7, 4, "Other server", 100).await.unwrap();
    let erased = store
        .forget(Forget::Member {
            guild: GUILD,
            member: 7,
        })
        .await
        .unwrap();
    let shown: Vec<String> = erased.iter().map(Erased::to_string).collect();
    assert_eq!(
        shown,
        [
            "member_positions: 1 deleted",
            "suggestions: 1 deleted (pending or rejected)",
            "suggestions: 1 author erased (approved: the prompt stays)",
        ]
    );
    assert_eq!(store.own_position(member(7)).await.unwrap(), None);
    let kept = store.suggestions(GUILD, Verdict::Approved).await.unwrap();
    assert_eq!((kept[0].text.as_str(), kept[0].author), ("Kept?", 0));
    assert_eq!(
        store.suggestions(2, Verdict::Pending).await.unwrap().len(),
        1
    );
}

async fn forgetting_a_server_removes_its_rows_and_no_other_servers(db: &TestStore) {
    let store = &db.store;
    for guild in [GUILD, 2] {
        store
            .save_settings(guild, &seminar_store::GuildSettings::default())
            .await
            .unwrap();
        store
            .set_reading(Place::Guild(guild), Some(4))
            .await
            .unwrap();
        store
            .set_reading_in(Some(guild), Place::Channel(guild * 100), Some(2))
            .await
            .unwrap();
        let plan_id = store
            .create_plan(&plan(guild, guild * 100 + 1))
            .await
            .unwrap();
        store.intend_post(plan_id, 0, 3, "n", 100).await.unwrap();
        store.claim_plan(plan_id, "me", 100, 1_000).await.unwrap();
        store.suggest(guild, 7, 3, "Why?", 100).await.unwrap();
        let member = Member {
            guild,
            member: 7,
            text: "essay",
        };
        store.set_own_position(member, 3, 100).await.unwrap();
    }
    let erased = store.forget(Forget::Guild(GUILD)).await.unwrap();
    let tables: Vec<&str> = erased.iter().map(|e| e.table).collect();
    assert_eq!(
        tables,
        [
            "plan_claims",
            "reading_progress",
            "plan_posts",
            "plans",
            "suggestions",
            "member_positions",
            "guild_settings",
        ]
    );
    assert_eq!(erased[1].rows, 2, "the server's and its channel's");
    assert_eq!(store.reading_at(Place::Guild(GUILD)).await.unwrap(), None);
    assert_eq!(store.reading_at(Place::Guild(2)).await.unwrap(), Some(4));
    assert_eq!(store.live_plans_in(GUILD).await.unwrap(), []);
    assert_eq!(store.live_plans_in(2).await.unwrap().len(), 1);
    assert_eq!(store.position_counts(2, "essay").await.unwrap(), [(3, 1)]);
}
