//! The test's handle on the gateway side: waiting for IDENTIFY, RESUME, READY and close frames,
//! dispatching interactions and other events, and breaking the live connection.

use std::time::Duration;

use serde_json::Value;
use tokio::sync::oneshot;

use super::gateway::ConnCommand;
use super::{FakeDiscord, READY_WAIT, commands, interactions};

impl FakeDiscord {
    /// Waits for the next IDENTIFY (op 2) not yet returned by this method and returns its `d`;
    /// panics after `timeout`.
    pub async fn wait_for_identify(&self, timeout: Duration) -> Value {
        let found = self.wait(timeout, |state| {
            let gateway = &mut state.gateway;
            let next = gateway.identifies.get(gateway.identify_cursor).cloned()?;
            gateway.identify_cursor += 1;
            Some(next)
        });
        found
            .await
            .unwrap_or_else(|| panic!("no IDENTIFY within {timeout:?}{}", self.describe_gateway()))
    }

    /// Waits for the next RESUME (op 6) not yet returned by this method and returns its `d`;
    /// panics after `timeout`.
    pub async fn wait_for_resume(&self, timeout: Duration) -> Value {
        let found = self.wait(timeout, |state| {
            let gateway = &mut state.gateway;
            let next = gateway.resumes.get(gateway.resume_cursor).cloned()?;
            gateway.resume_cursor += 1;
            Some(next)
        });
        found
            .await
            .unwrap_or_else(|| panic!("no RESUME within {timeout:?}{}", self.describe_gateway()))
    }

    /// Waits until a session is READY (READY sent, or RESUMED after a resume) on an open
    /// connection; panics after `timeout`.
    pub async fn wait_until_ready(&self, timeout: Duration) {
        let ready = self.wait(timeout, |state| state.gateway.ready_conn);
        if ready.await.is_none() {
            panic!(
                "no READY connection within {timeout:?}{}",
                self.describe_gateway()
            );
        }
    }

    /// Whether a session is READY on an open connection right now.
    pub fn is_ready(&self) -> bool {
        self.state().gateway.ready_conn.is_some()
    }

    /// IDENTIFYs received so far.
    pub fn identify_count(&self) -> usize {
        self.state().gateway.identifies.len()
    }

    /// RESUMEs received so far.
    pub fn resume_count(&self) -> usize {
        self.state().gateway.resumes.len()
    }

    /// Gateway connections accepted so far.
    pub fn connection_count(&self) -> usize {
        self.state().gateway.connections
    }

    /// Heartbeats (op 1) received so far.
    pub fn heartbeat_count(&self) -> usize {
        self.state().gateway.heartbeats
    }

    /// The `d` of every presence update (op 3) received, in order.
    pub fn presence_updates(&self) -> Vec<Value> {
        self.state().gateway.presences.clone()
    }

    /// Every payload clients sent on the gateway, in order (heartbeats included).
    pub fn gateway_payloads(&self) -> Vec<Value> {
        self.state().gateway.received.clone()
    }

    /// The request URI of each gateway connection (serenity's is `/?v=10`).
    pub fn gateway_connect_uris(&self) -> Vec<String> {
        self.state().gateway.connect_uris.clone()
    }

    fn describe_gateway(&self) -> String {
        let summary = {
            let state = self.state();
            let g = &state.gateway;
            format!(
                "; gateway: {} connections, {} IDENTIFYs, {} RESUMEs, ready {}, client closes {:?}",
                g.connections,
                g.identifies.len(),
                g.resumes.len(),
                g.ready_conn.is_some(),
                g.client_closes,
            )
        };
        format!("{summary}\nREST:\n{}", self.describe_requests())
    }

    /// Sends an INTERACTION_CREATE dispatch (with the session's next sequence number) on the
    /// READY connection, waiting up to 10 s for one. Command interactions get the id of the
    /// registered command they name. The REST side then accepts its callback and webhook calls.
    pub async fn send_interaction(&self, mut interaction: Value) {
        self.wait_until_ready(READY_WAIT).await;
        let mut state = self.state();
        commands::resolve(&state, &mut interaction);
        interactions::register(&mut state, &interaction).expect("a well-formed interaction");
        if let Err(why) = state.dispatch("INTERACTION_CREATE", interaction) {
            panic!("cannot send the interaction: {why}");
        }
        drop(state);
        self.shared.changed();
    }

    /// Sends any dispatch (`t` = `event`, `d` = `data`) on the READY connection, waiting up to
    /// 10 s for one.
    pub async fn send_dispatch(&self, event: &str, data: Value) {
        self.wait_until_ready(READY_WAIT).await;
        if let Err(why) = self.state().dispatch(event, data) {
            panic!("cannot send {event}: {why}");
        }
    }

    /// Drops the live gateway connection abruptly (TCP close without a close frame), as a
    /// network failure would; returns once it is closed.
    pub async fn drop_connection(&self) {
        self.command_live(ConnCommand::Drop).await;
    }

    /// Sends op 7 RECONNECT on the live connection, asking the client to reconnect and resume;
    /// the connection stops counting as READY.
    pub async fn request_reconnect(&self) {
        self.command_live(ConnCommand::Reconnect).await;
    }

    /// Sends a command to the READY connection (or the newest open one) and waits for its
    /// acknowledgement.
    async fn command_live(&self, command: impl FnOnce(oneshot::Sender<()>) -> ConnCommand) {
        let (ack, done) = oneshot::channel();
        let sent = {
            let state = self.state();
            let gateway = &state.gateway;
            let target = gateway
                .ready_conn
                .or_else(|| gateway.live.keys().next_back().copied());
            let sender = target.and_then(|id| gateway.live.get(&id));
            sender.is_some_and(|s| s.send(command(ack)).is_ok())
        };
        assert!(
            sent,
            "no open gateway connection{}",
            self.describe_gateway()
        );
        tokio::time::timeout(READY_WAIT, done)
            .await
            .expect("the connection task answers")
            .expect("the connection task acknowledges");
    }

    /// Waits for the next close frame a client sent (not yet returned by this method) and returns
    /// its close code (`None` for a frame without one); panics after `timeout`.
    pub async fn wait_for_client_close(&self, timeout: Duration) -> Option<u16> {
        let found = self.wait(timeout, |state| {
            let gateway = &mut state.gateway;
            let next = *gateway.client_closes.get(gateway.close_cursor)?;
            gateway.close_cursor += 1;
            Some(next)
        });
        match found.await {
            Some(code) => code,
            None => panic!(
                "no client close frame within {timeout:?}{}",
                self.describe_gateway()
            ),
        }
    }

    /// Close codes of every close frame clients sent so far.
    pub fn client_closes(&self) -> Vec<Option<u16>> {
        self.state().gateway.client_closes.clone()
    }
}
