//! Prompts shown recently in each channel, kept in memory so that `/question` and "Another
//! prompt" do not repeat themselves in a conversation.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::content::model::PromptId;
use crate::frontend::recent::push;

/// How many channels are remembered; the least recently used is forgotten first.
const CHANNELS: usize = 10_000;

/// Recent prompts by channel id.
#[derive(Debug, Default)]
pub struct RecentPrompts {
    channels: Mutex<HashMap<u64, (u64, Vec<PromptId>)>>,
}

impl RecentPrompts {
    /// The prompts shown recently in `channel`, oldest first.
    pub fn get(&self, channel: u64) -> Vec<PromptId> {
        let channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
        channels
            .get(&channel)
            .map(|(_, prompts)| prompts.clone())
            .unwrap_or_default()
    }

    /// Remembers that `prompt` was shown in `channel` at `tick` (any increasing number).
    pub fn push(&self, channel: u64, prompt: PromptId, tick: u64) {
        let mut channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
        if channels.len() >= CHANNELS && !channels.contains_key(&channel) {
            let oldest = channels
                .iter()
                .min_by_key(|(_, (used, _))| *used)
                .map(|(id, _)| *id);
            if let Some(oldest) = oldest {
                channels.remove(&oldest);
            }
        }
        let (used, prompts) = channels.entry(channel).or_default();
        *used = tick;
        push(prompts, prompt);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prompt(section: u32, n: u32) -> PromptId {
        PromptId {
            section,
            ordinal: n,
        }
    }

    #[test]
    fn channels_are_remembered_apart() {
        let recent = RecentPrompts::default();
        recent.push(1, prompt(13, 1), 1);
        recent.push(2, prompt(4, 2), 2);
        recent.push(1, prompt(13, 2), 3);
        assert_eq!(recent.get(1), [prompt(13, 1), prompt(13, 2)]);
        assert_eq!(recent.get(2), [prompt(4, 2)]);
        assert!(recent.get(3).is_empty());
    }

    #[test]
    fn a_prompt_shown_again_moves_to_the_end() {
        let recent = RecentPrompts::default();
        recent.push(1, prompt(1, 1), 1);
        recent.push(1, prompt(2, 1), 2);
        recent.push(1, prompt(1, 1), 3);
        assert_eq!(recent.get(1), [prompt(2, 1), prompt(1, 1)]);
    }
}
