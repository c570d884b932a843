//! Every sentence a person reads, in Swedish and English, from one catalogue: the Fluent files
//! `locales/en/uppfoljning.ftl` and `locales/sv/uppfoljning.ftl`, built into the program. Code
//! names a message by its key and gives its arguments ([`msg!`]); the wording, and the plural
//! forms of each language, live in the files.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The catalogue's English messages.
const ENGLISH: &str = include_str!("../../locales/en/uppfoljning.ftl");

/// The catalogue's Swedish messages.
const SWEDISH: &str = include_str!("../../locales/sv/uppfoljning.ftl");

/// A language the tool speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum Lang {
    /// English: the command line's default.
    #[default]
    En,
    /// Swedish: the officer's editor, and whoever asks for it.
    Sv,
}

impl Lang {
    /// Both languages, for the catalogue's checks.
    #[cfg(test)]
    pub(crate) const ALL: [Lang; 2] = [Lang::En, Lang::Sv];

    /// The language a locale name (`sv_SE.UTF-8`, `sv-SE`, `en`) asks for, if it is one of ours.
    pub(crate) fn of_locale(name: &str) -> Option<Self> {
        let primary = name.split(['_', '-', '.', '@']).next()?.trim();
        match primary.to_ascii_lowercase().as_str() {
            "sv" => Some(Self::Sv),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// The language of the environment: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is
    /// set, as POSIX orders them; English when it names neither of ours.
    pub(crate) fn from_env() -> Self {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .and_then(|value| Self::of_locale(&value))
            .unwrap_or_default()
    }

    /// The first of ours an `Accept-Language` header asks for, by its order of preference;
    /// English when it asks for neither.
    pub(crate) fn from_accept(header: &str) -> Self {
        let mut asked: Vec<(f32, Lang)> = header
            .split(',')
            .take(32)
            .filter_map(|item| {
                let mut parts = item.split(';');
                let lang = Self::of_locale(parts.next()?)?;
                let weight = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (weight > 0.0).then_some((weight, lang))
            })
            .collect();
        // A stable sort keeps the header's order between equal weights.
        asked.sort_by(|a, b| b.0.total_cmp(&a.0));
        asked.first().map_or(Self::En, |(_, lang)| *lang)
    }

    /// The language's tag, as BCP 47 writes it.
    pub(crate) fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Sv => "sv",
        }
    }
}

/// The language the command line speaks, set once at its start.
static PROCESS_LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the language the command line speaks; the first call wins.
pub(crate) fn set_process_lang(lang: Lang) {
    let _ = PROCESS_LANG.set(lang);
}

/// The language the command line speaks (English unless set).
pub(crate) fn process_lang() -> Lang {
    PROCESS_LANG.get().copied().unwrap_or_default()
}

/// An argument of a message: a text shown as given, or a count that also chooses the plural.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Arg {
    /// Shown exactly as given.
    Text(String),
    /// A count: shown in digits, and it chooses the plural form.
    Count(u64),
    /// A message of its own, worded in the same language as the one it is part of.
    Said(Box<Message>),
}

impl From<Message> for Arg {
    fn from(message: Message) -> Self {
        Self::Said(Box::new(message))
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Self::Text(text.clone())
    }
}

impl From<usize> for Arg {
    fn from(count: usize) -> Self {
        Self::Count(count as u64)
    }
}

impl From<u64> for Arg {
    fn from(count: u64) -> Self {
        Self::Count(count)
    }
}

impl From<i64> for Arg {
    // A signed value (a scale's end) is shown as written: its digits, with its sign.
    fn from(value: i64) -> Self {
        Self::Text(value.to_string())
    }
}

/// A message of the catalogue with its arguments, worded when it is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// The message `key` with `args`.
    pub(crate) fn new(key: &'static str, args: Vec<(&'static str, Arg)>) -> Self {
        Self { key, args }
    }

    /// The message worded in `lang`.
    pub(crate) fn in_lang(&self, lang: Lang) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Text(text) => FluentValue::String(Cow::Borrowed(text.as_str())),
                Arg::Count(count) => FluentValue::from(*count),
                Arg::Said(message) => FluentValue::String(Cow::Owned(message.in_lang(lang))),
            };
            args.set(*name, value);
        }
        word(lang, self.key, &args)
    }
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_lang(process_lang()))
    }
}

/// A message of the catalogue: its key, then `name = value` for each argument, each value a
/// text or a count ([`Arg`]).
macro_rules! msg {
    ($key:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::words::Message::new(
            $key,
            vec![$((stringify!($name), $crate::words::Arg::from($value))),*],
        )
    };
}
pub(crate) use msg;

/// The two catalogues, parsed once.
fn bundles() -> &'static [FluentBundle<FluentResource>; 2] {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 2]> = OnceLock::new();
    BUNDLES.get_or_init(|| [bundle(Lang::En, ENGLISH), bundle(Lang::Sv, SWEDISH)])
}

/// One language's catalogue. The files are the program's own, checked by the tests; a line
/// that does not parse is left out rather than failing the program.
fn bundle(lang: Lang, text: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(partial, _)| partial);
    let tag: unic_langid::LanguageIdentifier = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    // Unicode isolation marks around each argument would put invisible characters into file
    // names, field paths and the values quoted back to the officer.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    bundle
}

/// The message `key` in `lang` with `args`; the English one if the language lacks it, the key
/// itself if both do (the catalogue's tests keep that from happening).
fn word(lang: Lang, key: &str, args: &FluentArgs<'_>) -> String {
    let [english, swedish] = bundles();
    let chosen = match lang {
        Lang::En => english,
        Lang::Sv => swedish,
    };
    [chosen, english]
        .into_iter()
        .find_map(|bundle| {
            let pattern = bundle.get_message(key)?.value()?;
            let mut errors = Vec::new();
            Some(
                bundle
                    .format_pattern(pattern, Some(args), &mut errors)
                    .into_owned(),
            )
        })
        .unwrap_or_else(|| key.to_owned())
}

/// The message `key` in `lang` with `args`, for a page whose
/// template names its words by key.
pub(crate) fn phrase(lang: Lang, key: &str, args: &[(String, Arg)]) -> String {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Text(text) => FluentValue::String(Cow::Borrowed(text.as_str())),
            Arg::Count(count) => FluentValue::from(*count),
            Arg::Said(message) => FluentValue::String(Cow::Owned(message.in_lang(lang))),
        };
        fluent.set(name.as_str(), value);
    }
    word(lang, key, &fluent)
}

/// The keys of one language's catalogue, in file order.
#[cfg(test)]
pub(crate) fn keys(lang: Lang) -> Vec<String> {
    let text = match lang {
        Lang::En => ENGLISH,
        Lang::Sv => SWEDISH,
    };
    let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(partial, _)| partial);
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// What the parser says of a language's catalogue: nothing if it parses.
#[cfg(test)]
pub(crate) fn parse_errors(lang: Lang) -> Vec<String> {
    let text = match lang {
        Lang::En => ENGLISH,
        Lang::Sv => SWEDISH,
    };
    match FluentResource::try_new(text.to_owned()) {
        Ok(_) => Vec::new(),
        Err((_, errors)) => errors.iter().map(|e| format!("{e:?}")).collect(),
    }
}

#[cfg(test)]
mod tests;
