//! The gateway half: a WebSocket server speaking Discord's gateway protocol (HELLO, IDENTIFY,
//! READY, heartbeats, RESUME, RECONNECT) in plain JSON text frames, which serenity reads even
//! though its IDENTIFY asks for `compress: true`.

use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc::{self, UnboundedReceiver};
use tokio::sync::oneshot;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

use super::ids::token;
use super::payloads::{APPLICATION_ID, GUILD_ID, bot_user_object};
use super::state::{Session, Shared};

/// What the test asks of a connection's task.
pub(super) enum ConnCommand {
    /// Write this text frame (a dispatch already numbered by the session).
    Send(String),
    /// Send op 7 RECONNECT, then acknowledge.
    Reconnect(oneshot::Sender<()>),
    /// Drop the TCP connection without a close frame, then acknowledge.
    Drop(oneshot::Sender<()>),
}

/// Accepts gateway connections forever, one task each.
pub(super) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let mut next_id = 0;
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        next_id += 1;
        tokio::spawn(connection(stream, next_id, Arc::clone(&shared)));
    }
}

/// One client connection, from the WebSocket handshake to its end.
async fn connection(stream: TcpStream, id: u64, shared: Arc<Shared>) {
    let mut uri = String::new();
    // The error type is tungstenite's handshake callback signature, not ours to shrink.
    #[allow(clippy::result_large_err)]
    let capture_uri = |request: &Request, response: Response| {
        uri = request.uri().to_string();
        Ok(response)
    };
    let Ok(ws) = tokio_tungstenite::accept_hdr_async(stream, capture_uri).await else {
        return;
    };
    let (sender, commands) = mpsc::unbounded_channel();
    {
        let mut state = shared.lock();
        state.gateway.connections += 1;
        state.gateway.connect_uris.push(uri);
        state.gateway.live.insert(id, sender);
    }
    shared.changed();

    // `run` consumes the connection, so the socket is closed by the time it returns.
    let ack = Connection {
        ws,
        id,
        shared: Arc::clone(&shared),
    }
    .run(commands)
    .await;
    {
        let mut state = shared.lock();
        state.gateway.live.remove(&id);
        if state.gateway.ready_conn == Some(id) {
            state.gateway.ready_conn = None;
        }
    }
    shared.changed();
    if let Some(ack) = ack {
        let _ = ack.send(());
    }
}

struct Connection {
    ws: WebSocketStream<TcpStream>,
    id: u64,
    shared: Arc<Shared>,
}

/// Whether a connection goes on after handling something.
enum Flow {
    Continue,
    End,
}

impl Connection {
    /// Says HELLO, then serves client payloads and test commands until either side ends it.
    /// Returns the acknowledgement a `Drop` command waits for.
    async fn run(
        mut self,
        mut commands: UnboundedReceiver<ConnCommand>,
    ) -> Option<oneshot::Sender<()>> {
        let interval = self.shared.config.heartbeat_interval.as_millis();
        let hello =
            json!({ "op": 10, "s": null, "t": null, "d": { "heartbeat_interval": interval } });
        if self.send(&hello).await.is_err() {
            return None;
        }
        loop {
            tokio::select! {
                frame = self.ws.next() => {
                    if let Flow::End = self.on_frame(frame).await {
                        return None;
                    }
                }
                command = commands.recv() => match command {
                    Some(ConnCommand::Drop(ack)) => return Some(ack),
                    Some(command) => {
                        if let Flow::End = self.on_command(command).await {
                            return None;
                        }
                    }
                    // The FakeDiscord is gone.
                    None => return None,
                },
            }
        }
    }

    async fn on_command(&mut self, command: ConnCommand) -> Flow {
        match command {
            ConnCommand::Send(text) => match self.ws.send(Message::Text(text)).await {
                Ok(()) => Flow::Continue,
                Err(_) => Flow::End,
            },
            ConnCommand::Reconnect(ack) => {
                self.unready();
                let reconnect = json!({ "op": 7, "s": null, "t": null, "d": null });
                let flow = self.send_or_end(&reconnect).await;
                let _ = ack.send(());
                flow
            }
            // Handled by `run`, which owns the socket.
            ConnCommand::Drop(_) => Flow::End,
        }
    }

    async fn on_frame(
        &mut self,
        frame: Option<Result<Message, tokio_tungstenite::tungstenite::Error>>,
    ) -> Flow {
        match frame {
            Some(Ok(Message::Text(text))) => self.on_payload(&text).await,
            Some(Ok(Message::Binary(bytes))) => {
                self.on_payload(&String::from_utf8_lossy(&bytes)).await
            }
            Some(Ok(Message::Close(frame))) => {
                self.shared
                    .lock()
                    .gateway
                    .client_closes
                    .push(frame.map(|f| u16::from(f.code)));
                self.shared.changed();
                // Flushes the close reply tungstenite queued, which serenity waits for.
                let _ = self.ws.close(None).await;
                Flow::End
            }
            // tungstenite answers pings itself.
            Some(Ok(_)) => Flow::Continue,
            Some(Err(_)) | None => Flow::End,
        }
    }

    async fn on_payload(&mut self, text: &str) -> Flow {
        let Ok(payload) = serde_json::from_str::<Value>(text) else {
            return self.close(4002, "Error while decoding payload.").await;
        };
        self.shared.lock().gateway.received.push(payload.clone());
        let data = payload.get("d").cloned().unwrap_or(Value::Null);
        let flow = match payload["op"].as_u64() {
            Some(1) => self.heartbeat().await,
            Some(2) => self.identify(data).await,
            Some(3) => {
                self.shared.lock().gateway.presences.push(data);
                Flow::Continue
            }
            Some(6) => self.resume(data).await,
            // Recorded above; nothing else needs an answer.
            _ => Flow::Continue,
        };
        self.shared.changed();
        flow
    }

    async fn heartbeat(&mut self) -> Flow {
        self.shared.lock().gateway.heartbeats += 1;
        self.send_or_end(&json!({ "op": 11, "s": null, "t": null, "d": null }))
            .await
    }

    /// Starts a session and sends READY, or closes with 4004 on a wrong token as Discord does.
    async fn identify(&mut self, data: Value) -> Flow {
        let token_ok = is_our_token(&data["token"]);
        let shard = data.get("shard").cloned();
        self.shared.lock().gateway.identifies.push(data);
        if !token_ok {
            return self.close(4004, "Authentication failed.").await;
        }
        let session_id = {
            let mut state = self.shared.lock();
            state.gateway.sessions_started += 1;
            let id = format!("fake-session-{}", state.gateway.sessions_started);
            let session = Session {
                id: id.clone(),
                seq: 1,
                events: Vec::new(),
            };
            state.gateway.session = Some(session);
            id
        };
        let ready = json!({ "op": 0, "s": 1, "t": "READY", "d": self.ready(&session_id, shard) });
        if self.send(&ready).await.is_err() {
            return Flow::End;
        }
        self.mark_ready();
        Flow::Continue
    }

    fn ready(&self, session_id: &str, shard: Option<Value>) -> Value {
        let mut ready = json!({
            "v": 10,
            "user": bot_user_object(),
            "guilds": [{ "id": GUILD_ID.to_string(), "unavailable": true }],
            "session_id": session_id,
            "session_type": "normal",
            "resume_gateway_url": self.shared.gateway_url,
            "application": { "id": APPLICATION_ID.to_string(), "flags": 0 },
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
        });
        if let Some(shard) = shard.filter(|s| !s.is_null()) {
            ready["shard"] = shard;
        }
        ready
    }

    /// Continues the session: replays what the client missed, then RESUMED. An unknown session
    /// or wrong token gets op 9 INVALID_SESSION (not resumable), as on Discord.
    async fn resume(&mut self, data: Value) -> Flow {
        let client_seq = data["seq"].as_u64().unwrap_or(0);
        let plan = {
            let mut state = self.shared.lock();
            state.gateway.resumes.push(data.clone());
            let session = state.gateway.session.as_mut().filter(|s| {
                Some(s.id.as_str()) == data["session_id"].as_str() && is_our_token(&data["token"])
            });
            session.map(|session| {
                let missed: Vec<String> = session
                    .events
                    .iter()
                    .filter(|(seq, _)| *seq > client_seq)
                    .map(|(_, text)| text.clone())
                    .collect();
                session.seq += 1;
                let resumed = json!({ "op": 0, "s": session.seq, "t": "RESUMED", "d": {} });
                (missed, resumed)
            })
        };
        let Some((missed, resumed)) = plan else {
            return self
                .send_or_end(&json!({ "op": 9, "s": null, "t": null, "d": false }))
                .await;
        };
        for text in missed {
            if self.ws.send(Message::Text(text)).await.is_err() {
                return Flow::End;
            }
        }
        if self.send(&resumed).await.is_err() {
            return Flow::End;
        }
        self.mark_ready();
        Flow::Continue
    }

    fn mark_ready(&self) {
        self.shared.lock().gateway.ready_conn = Some(self.id);
        self.shared.changed();
    }

    fn unready(&self) {
        let mut state = self.shared.lock();
        if state.gateway.ready_conn == Some(self.id) {
            state.gateway.ready_conn = None;
        }
    }

    async fn send(&mut self, payload: &Value) -> Result<(), tokio_tungstenite::tungstenite::Error> {
        self.ws.send(Message::Text(payload.to_string())).await
    }

    async fn send_or_end(&mut self, payload: &Value) -> Flow {
        match self.send(payload).await {
            Ok(()) => Flow::Continue,
            Err(_) => Flow::End,
        }
    }

    /// Closes with a gateway close code, as Discord does on a protocol error.
    async fn close(&mut self, code: u16, reason: &'static str) -> Flow {
        let frame = CloseFrame {
            code: CloseCode::from(code),
            reason: reason.into(),
        };
        let _ = self.ws.close(Some(frame)).await;
        Flow::End
    }
}

/// serenity sends the token with its `Bot ` prefix; Discord accepts it with or without.
fn is_our_token(value: &Value) -> bool {
    let sent = value.as_str().unwrap_or_default();
    sent.strip_prefix("Bot ").unwrap_or(sent) == token()
}
