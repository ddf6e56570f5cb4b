//! The parts of RFC 5892 (the IDNA2008 code point tables) that UTS 46 does not apply, held
//! against a U-label that `idna` has already mapped, normalised and checked.
//!
//! UTS 46 admits any assigned, non-disallowed code point; IDNA2008 admits letters, marks and
//! decimal digits only (§2.1 `LetterDigits`), overrides that for a fixed list of code points
//! (§2.6 `Exceptions`), and admits a few only in context (Appendix A, the CONTEXTO rules;
//! the CONTEXTJ rules for the joiners U+200C and U+200D are applied by `idna` itself).
//! Script and general category come from the Unicode tables of `unicode-script` and
//! `unicode-general-category`.

use unicode_general_category::{get_general_category, GeneralCategory};
use unicode_script::{Script, UnicodeScript};

/// True when every code point of `label` is PVALID, or CONTEXTO with its rule satisfied.
pub(super) fn is_valid_label(label: &str) -> bool {
    let chars: Vec<char> = label.chars().collect();
    (0..chars.len()).all(|index| is_valid_at(&chars, index)) && arabic_indic_digits_not_mixed(&chars)
}

fn is_valid_at(label: &[char], index: usize) -> bool {
    let c = label[index];
    let before = index.checked_sub(1).map(|i| label[i]);
    let after = label.get(index + 1).copied();
    match c {
        // §2.6 exceptions, PVALID.
        '\u{00DF}' | '\u{03C2}' | '\u{06FD}' | '\u{06FE}' | '\u{0F0B}' | '\u{3007}' => true,
        // §2.6 exceptions, DISALLOWED.
        '\u{0640}' | '\u{07FA}' | '\u{302E}' | '\u{302F}' | '\u{3031}'..='\u{3035}' | '\u{303B}' => false,
        // A.3 MIDDLE DOT: between two `l`.
        '\u{00B7}' => before == Some('l') && after == Some('l'),
        // A.4 GREEK LOWER NUMERAL SIGN (KERAIA): followed by a Greek character.
        '\u{0375}' => after.is_some_and(|next| next.script() == Script::Greek),
        // A.5, A.6 HEBREW PUNCTUATION GERESH and GERSHAYIM: preceded by a Hebrew character.
        '\u{05F3}' | '\u{05F4}' => before.is_some_and(|previous| previous.script() == Script::Hebrew),
        // A.7 KATAKANA MIDDLE DOT: the label holds a Hiragana, Katakana or Han character.
        '\u{30FB}' => label.iter().any(|other| matches!(other.script(), Script::Hiragana | Script::Katakana | Script::Han)),
        // A.8, A.9 (ARABIC-INDIC and EXTENDED ARABIC-INDIC digits) are checked on the whole label.
        '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => true,
        // CONTEXTJ, checked by `idna`.
        '\u{200C}' | '\u{200D}' => true,
        // ASCII: UTS 46 with the STD3 rules leaves only letters, digits and hyphens.
        c if c.is_ascii() => true,
        // §2.1 LetterDigits.
        c => matches!(
            get_general_category(c),
            GeneralCategory::LowercaseLetter
                | GeneralCategory::UppercaseLetter
                | GeneralCategory::OtherLetter
                | GeneralCategory::DecimalNumber
                | GeneralCategory::ModifierLetter
                | GeneralCategory::NonspacingMark
                | GeneralCategory::SpacingMark
        ),
    }
}

/// A.8, A.9: a label holds ARABIC-INDIC digits (U+0660..U+0669) or EXTENDED ARABIC-INDIC
/// digits (U+06F0..U+06F9), never both.
fn arabic_indic_digits_not_mixed(label: &[char]) -> bool {
    let has = |range: std::ops::RangeInclusive<char>| label.iter().any(|c| range.contains(c));
    !(has('\u{0660}'..='\u{0669}') && has('\u{06F0}'..='\u{06F9}'))
}
