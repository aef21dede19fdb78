//! serenity's event handler: registers the commands on the first READY and hands every
//! interaction to the responder; counts work in flight so that shutdown can wait for it.

use seminar_discord::in_flight::InFlight;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serenity::async_trait;
use serenity::client::{Context, EventHandler};
use serenity::model::application::Interaction;
use serenity::model::event::ResumedEvent;
use serenity::model::gateway::Ready;

use seminar_core::engine::Engine;
use seminar_discord::interaction::Incoming;
use seminar_discord::register;
use seminar_discord::respond::Responder;

/// Seminar's gateway events.
pub struct Handler {
    pub engine: Arc<Engine>,
    pub responder: Arc<Responder>,
    /// The development server to register in, if any.
    pub guild: Option<u64>,
    pub in_flight: Arc<InFlight>,
    registered: AtomicBool,
}

impl Handler {
    /// A handler that has not registered the commands yet.
    pub fn new(
        engine: Arc<Engine>,
        responder: Arc<Responder>,
        guild: Option<u64>,
        in_flight: Arc<InFlight>,
    ) -> Handler {
        Handler {
            engine,
            responder,
            guild,
            in_flight,
            registered: AtomicBool::new(false),
        }
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, _ctx: Context, ready: Ready) {
        tracing::info!(
            bot = %ready.user.name,
            servers = ready.guilds.len(),
            shard = ?ready.shard.map(|s| s.id.0),
            "connected to Discord"
        );
        // Counted in flight so that a shutdown lets a registration under way finish.
        let _registering = self.in_flight.enter();
        // Once per process, whichever shard is ready first; again on a later READY if it failed.
        if self.registered.swap(true, Ordering::SeqCst) {
            return;
        }
        let rest = self.responder.rest();
        let application = ready.application.id.get();
        if let Err(error) = register::sync(rest, &self.engine, application, self.guild).await {
            tracing::error!(%error, "could not register the commands; will retry on the next connection");
            self.registered.store(false, Ordering::SeqCst);
        }
    }

    async fn resume(&self, _ctx: Context, _event: ResumedEvent) {
        tracing::info!("gateway session resumed");
    }

    async fn interaction_create(&self, _ctx: Context, interaction: Interaction) {
        let _answering = self.in_flight.enter();
        self.responder
            .handle(Incoming::from_serenity(&interaction))
            .await;
    }
}
