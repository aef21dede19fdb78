//! The shared English word lists, most frequent first within each list.
//!
//! `word/plural` or `word/past` gives an irregular form; `word/-` marks a noun without a plural.

/// Nouns of general and political prose.
pub const NOUNS: &str = "
time power world state question way system government order pressure war country policy cost
interest position change decision problem moment process side point part influence strategy
security/- region balance risk claim leader story role future market agreement price choice force
idea history/- response alliance signal conflict reason limit control/- deal support/- threat
crisis outcome value ground network presence/- step pattern sense level structure institution
condition effect result attention/- capital cooperation/- stability/- leverage/- burden framework
narrative tension agenda approach resource ally rival partner economy relationship negotiation
concession commitment credibility/- legitimacy/- authority sovereignty/- dependence/- advantage
weakness strength failure success opportunity constraint message audience memory identity
principle promise warning demand offer proposal settlement compromise dispute rivalry partnership
coalition bloc treaty border exchange investment growth/- decline shift transition adjustment
recovery collapse expansion retreat advance escalation restraint/- deterrence/- protection
guarantee obligation bargain channel arena stage table room distance space gap margin cause
consequence purpose goal aim plan design method tool instrument voice view vision belief
assumption expectation perception image reputation status fear hope trust/- doubt confidence/-
patience/- ambition pride/- anger/- fatigue/- citizen official minister diplomat envoy adviser
general soldier worker voter neighbour observer critic supporter opponent mediator participant
ruler elite city province village coast island valley desert mountain land territory law rule
right duty fee tax budget fund account statement speech report document letter record
announcement interview headline rumour meeting conference visit session round phase period era
decade century generation tradition culture society community class group movement faction
leadership/- administration regime army court council ministry agency company firm industry
sector business factory road bridge wall gate door line map centre edge weight scale size share
amount number rate measure degree range fact truth lie secret detail example case instance
feature aspect word term name title phrase argument debate theory lesson life/lives death body
mind heart hand eye face head home family child/children friend enemy stranger guest host owner
heir money/- wealth/- income profit loss wage salary asset reward food/- quality ability capacity
possibility necessity priority reality difficulty uncertainty form shape surface layer core base
foundation pillar frame fabric silence noise shock surprise accident mistake error gamble bet
path direction course turn move game piece calculation estimate forecast scenario option
alternative solution remedy answer test
";

/// Verbs that take an object, as base forms.
pub const VERBS: &str = "
make/made take/took give/gave keep/kept hold/held bring/brought show change shape reveal test
carry reduce protect define raise expose challenge support weaken strengthen limit create
build/built shift lose/lost win/won need want offer accept reject demand signal/signalled manage
control/controlled absorb resist follow replace reward punish fund deny confirm deliver secure
measure preserve restore undermine sustain frame contain explain describe question examine
consider avoid face meet/met seek/sought pay/paid spend/spent sell/sold buy/bought lead/led
break/broke draw/drew set/set leave/left find/found see/saw tell/told bear/bore hide/hid
send/sent put/put cut/cut teach/taught understand/understood use serve open close cross enter
join split/split divide unite link connect push pull press drive/drove steer guide direct move
restrain provoke invite welcome ignore notice watch observe study write/wrote sign announce
declare promise threaten warn expect fear trust doubt prefer/preferred allow prevent
permit/permitted encourage discourage reinforce deepen widen narrow soften harden tighten loosen
extend expand shrink/shrank delay accelerate slow postpone complicate simplify clarify obscure
reflect mirror echo outlast outweigh redefine reshape rebuild/rebuilt recover regain retain
obtain gain earn owe borrow lend/lent trade negotiate settle resolve address handle tolerate
endure survive defend attack target isolate include exclude involve require justify dismiss
abandon betray honour respect recognize acknowledge admit/admitted concede weigh calculate
estimate predict plan/planned prepare design calibrate stabilize unsettle disrupt transform
translate convert mobilize finance
";

/// Verbs that take `to` and a second verb ("wants to keep").
pub const CONTROL_VERBS: &str = "
want need try seem refuse choose/chose prefer/preferred intend appear expect plan/planned fail
struggle decide agree continue begin/began learn hesitate claim
";

/// Adjectives.
pub const ADJECTIVES: &str = "
new political economic military strategic global regional public domestic foreign national local
long real clear simple direct hard difficult open quiet slow stable fragile uncertain costly
visible central main major minor single different similar common shared narrow wide large small
great high low early late recent current old ancient modern traditional formal informal official
secret hidden obvious subtle careful cautious bold sudden gradual steady constant permanent
temporary partial total full empty weak strong powerful limited serious critical essential
necessary possible likely unlikely certain familiar strange unusual rare frequent practical
symbolic moral legal financial commercial industrial diplomatic institutional structural
historical cultural social personal collective individual independent dependent mutual hostile
friendly neutral loyal reluctant willing eager anxious confident nervous patient impatient
rational emotional deliberate accidental inevitable unexpected predictable unpredictable complex
complicated basic fundamental broad specific general particular entire whole primary secondary
final initial loud silent calm tense dangerous safe risky expensive cheap valuable useful
effective efficient credible legitimate fair unfair equal unequal durable lasting brief rapid
swift heavy light sharp soft firm flexible rigid vulnerable exposed protected isolated connected
divided united scattered concentrated ambitious modest honest ambiguous precise vague concrete
abstract invisible indirect immediate distant nearby northern southern eastern western coastal
inland rural urban
";

/// Adverbs that sit before a verb or an adjective.
pub const ADVERBS: &str = "
also only still now already even often never rarely simply quietly slowly increasingly largely
perhaps finally openly directly gradually clearly mostly really merely partly nearly almost again
soon later once instead sometimes usually always rather quite deeply sharply carefully steadily
suddenly firmly repeatedly privately publicly formally effectively essentially ultimately
eventually briefly cautiously reluctantly deliberately inevitably apparently certainly probably
possibly entirely fully barely hardly
";

/// Phrases that open a sentence, followed by a comma.
pub const OPENERS: &[&str] = &[
    "however",
    "still",
    "yet",
    "meanwhile",
    "instead",
    "in practice",
    "in other words",
    "for now",
    "at the same time",
    "even so",
    "above all",
    "in the end",
    "of course",
    "for decades",
    "over time",
    "by contrast",
    "in short",
    "put simply",
    "on paper",
    "then again",
    "for years",
    "in theory",
    "at first",
    "until recently",
];

/// Words that open a subordinate clause.
pub const SUBORDINATORS: &[&str] = &[
    "because",
    "while",
    "although",
    "when",
    "if",
    "since",
    "unless",
    "as long as",
    "whereas",
    "until",
    "once",
    "even if",
    "even as",
    "as",
];

/// Determiners with their weights.
pub const DETERMINERS: &[(&str, f64)] = &[
    ("the", 20.0),
    ("a", 16.0),
    ("this", 3.0),
    ("its", 2.0),
    ("their", 2.0),
    ("that", 1.5),
    ("every", 1.0),
    ("each", 1.0),
    ("some", 1.0),
    ("any", 0.7),
    ("another", 1.0),
    ("no", 0.7),
];

/// Prepositions with their weights.
pub const PREPOSITIONS: &[(&str, f64)] = &[
    ("of", 14.0),
    ("in", 30.0),
    ("to", 16.0),
    ("for", 10.0),
    ("with", 8.0),
    ("on", 7.0),
    ("by", 5.0),
    ("from", 6.0),
    ("at", 4.0),
    ("as", 3.0),
    ("into", 2.0),
    ("through", 2.0),
    ("between", 2.0),
    ("under", 1.5),
    ("against", 1.5),
    ("without", 1.2),
    ("over", 1.2),
    ("after", 1.0),
    ("before", 1.0),
    ("among", 0.8),
    ("within", 0.8),
    ("across", 0.8),
    ("beyond", 0.5),
    ("toward", 0.5),
    ("despite", 0.5),
    ("around", 0.5),
];

/// Conjunctions that join two clauses.
pub const CONJUNCTIONS: &[(&str, f64)] = &[
    ("and", 14.0),
    ("but", 6.0),
    ("or", 2.0),
    ("yet", 1.0),
    ("so", 1.5),
];

/// Modal verbs.
pub const MODALS: &[(&str, f64)] = &[
    ("can", 6.0),
    ("could", 5.0),
    ("will", 6.0),
    ("would", 5.0),
    ("may", 3.0),
    ("might", 2.0),
    ("must", 2.0),
    ("should", 2.0),
];
