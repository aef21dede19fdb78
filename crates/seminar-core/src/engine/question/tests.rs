//! Specifications of `/question`: how prompts are picked and shown.

use super::*;

fn prompt(section: u32, ordinal: u32) -> Prompt {
    Prompt {
        id: PromptId { section, ordinal },
        text: format!("Prompt {section}.{ordinal}?"),
        actors: vec![],
        themes: vec![],
        quote: None,
        from_text: false,
    }
}

#[test]
fn when_all_were_shown_the_one_shown_longest_ago_comes_back() {
    let prompts = [prompt(1, 1), prompt(1, 2), prompt(1, 3)];
    let refs: Vec<&Prompt> = prompts.iter().collect();
    let recent = [prompts[1].id, prompts[2].id, prompts[0].id];
    for seed in 0..20 {
        assert_eq!(pick(&refs, None, &recent, seed).unwrap().id, prompts[1].id);
    }
}

#[test]
fn picking_never_repeats_the_prompt_just_shown() {
    let prompts = [prompt(1, 1), prompt(1, 2)];
    let refs: Vec<&Prompt> = prompts.iter().collect();
    for seed in 0..50 {
        let picked = pick(
            &refs,
            Some(PromptId {
                section: 1,
                ordinal: 1,
            }),
            &[],
            seed,
        )
        .unwrap();
        assert_eq!(
            picked.id,
            PromptId {
                section: 1,
                ordinal: 2
            }
        );
    }
}

#[test]
fn recent_prompts_wait_until_the_others_are_used() {
    let prompts = [prompt(1, 1), prompt(1, 2), prompt(2, 1)];
    let refs: Vec<&Prompt> = prompts.iter().collect();
    let recent = [
        PromptId {
            section: 1,
            ordinal: 1,
        },
        PromptId {
            section: 1,
            ordinal: 2,
        },
    ];
    for seed in 0..50 {
        assert_eq!(
            pick(&refs, None, &recent, seed).unwrap().id,
            PromptId {
                section: 2,
                ordinal: 1
            }
        );
    }
}

#[test]
fn a_single_prompt_is_still_shown_when_it_was_the_last() {
    let prompts = [prompt(1, 1)];
    let refs: Vec<&Prompt> = prompts.iter().collect();
    assert!(
        pick(
            &refs,
            Some(PromptId {
                section: 1,
                ordinal: 1
            }),
            &[],
            3
        )
        .is_some()
    );
}

#[test]
fn different_seeds_spread_over_the_candidates() {
    let prompts: Vec<Prompt> = (1..=10).map(|i| prompt(i, 1)).collect();
    let refs: Vec<&Prompt> = prompts.iter().collect();
    let distinct: std::collections::HashSet<PromptId> = (0..40)
        .map(|seed| pick(&refs, None, &[], seed).unwrap().id)
        .collect();
    assert!(distinct.len() >= 6, "{distinct:?}");
}
