//! Self-tests of the Components V2 rules: a V2 message with content, too many components or too
//! much text is refused as Discord refuses it, an edit cannot drop the flag, a modal's Labels are
//! checked.

use serde_json::{Value, json};

use super::channel_routes::{post, rest};
use fake_discord::*;

fn text(content: &str) -> Value {
    json!({ "type": 10, "content": content })
}

fn v2(components: Value) -> Value {
    json!({ "flags": 1 << 15, "components": components, "allowed_mentions": { "parse": [] } })
}

async fn refused(fake: &FakeDiscord, body: Value) -> Value {
    let path = format!("/channels/{CHANNEL_ID}/messages");
    let (status, error) = rest(fake, "POST", &path, Some(body)).await;
    assert_eq!(status, 400, "{error}");
    assert_eq!(error["code"], 50035);
    error["errors"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_container_of_text_and_a_section_with_a_button_is_posted() {
    let fake = FakeDiscord::start().await;
    let button = json!({ "type": 2, "style": 2, "label": "Read §5", "custom_id": "v1:open:5" });
    let section =
        json!({ "type": 9, "components": [text("**§5**\nA passage.")], "accessory": button });
    let container = json!({ "type": 17, "accent_color": 0x4F6D7A, "components": [
        text("### Title"), { "type": 14, "divider": true, "spacing": 1 }, section
    ] });
    let message = post(&fake, CHANNEL_ID, v2(json!([container]))).await;
    assert_eq!(message["flags"], 1 << 15);
    assert_eq!(schema::title(&message).as_deref(), Some("Title"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn content_beside_the_v2_flag_is_refused() {
    let fake = FakeDiscord::start().await;
    let mut body = v2(json!([text("Hello")]));
    body["content"] = json!("Hello");
    let errors = refused(&fake, body).await;
    assert_eq!(
        errors["content"]["_errors"][0]["code"],
        "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_than_40_components_or_4000_characters_are_refused() {
    let fake = FakeDiscord::start().await;
    let many: Vec<Value> = (0..40).map(|i| text(&format!("t{i}"))).collect();
    let container = json!([{ "type": 17, "components": many }]);
    let errors = refused(&fake, v2(container)).await;
    assert_eq!(
        errors["components"]["_errors"][0]["code"],
        "BASE_TYPE_MAX_LENGTH"
    );
    let long = json!([text(&"x".repeat(2001)), text(&"y".repeat(2000))]);
    let errors = refused(&fake, v2(long)).await;
    assert_eq!(
        errors["components"]["_errors"][0]["code"],
        "MAX_TEXT_DISPLAY_LENGTH_EXCEEDED"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_section_needs_one_to_three_texts_and_an_accessory() {
    let fake = FakeDiscord::start().await;
    let bare = json!([{ "type": 9, "components": [text("a"), text("b"), text("c"), text("d")] }]);
    let errors = refused(&fake, v2(bare)).await;
    assert!(
        errors["components"]["0"]["components"]["_errors"].is_array(),
        "{errors}"
    );
    assert!(
        errors["components"]["0"]["accessory"]["_errors"].is_array(),
        "{errors}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_modal_s_labels_are_checked() {
    let fake = FakeDiscord::start().await;
    let id = snowflake();
    let interaction = slash_command(id, "suggest", json!([]));
    fake.register_interaction(&interaction);
    let options: Vec<Value> = (0..26)
        .map(|i| json!({ "label": format!("§{i}"), "value": i.to_string() }))
        .collect();
    let modal = json!({ "type": 9, "data": { "custom_id": "v1:suggest", "title": "Suggest", "components": [
        { "type": 18, "label": "Your prompt", "component": { "type": 4, "custom_id": "text", "style": 2, "min_length": 10, "max_length": 300 } },
        { "type": 18, "label": "Section", "component": { "type": 3, "custom_id": "section", "options": options } }
    ] } });
    let path = format!("/interactions/{id}/{}/callback", interaction_token(id));
    let (status, error) = rest(&fake, "POST", &path, Some(modal)).await;
    assert_eq!(status, 400, "{error}");
    let options = &error["errors"]["data"]["components"]["1"]["component"]["options"];
    assert_eq!(options["_errors"][0]["code"], "BASE_TYPE_BAD_LENGTH");
}
