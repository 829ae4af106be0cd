//! Colour arithmetic on `#rrggbb`: readable ink on the goals' official colours (the questionnaire's goal tiles,
//! the map's goal filters) and the map's shades of a goal's colour.

/// The red, green and blue of `#rrggbb` (0 for a channel that does not read).
pub fn rgb(colour: &str) -> [u8; 3] {
    let channel = |i: usize| colour.get(i..i + 2).and_then(|hex| u8::from_str_radix(hex, 16).ok()).unwrap_or(0);
    [channel(1), channel(3), channel(5)]
}

/// WCAG relative luminance of `#rrggbb`: 0 for black, 1 for white.
pub fn luminance(colour: &str) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            power((c + 0.055) / 1.055, 2.4)
        }
    };
    let [r, g, b] = rgb(colour).map(linear);
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// `base` to the power `exponent`: in the browser, by the browser (`f64::powf` would bring its own code,
/// 1.0 KB brotli, into the first download).
#[cfg(target_arch = "wasm32")]
fn power(base: f64, exponent: f64) -> f64 {
    js_sys::Math::pow(base, exponent)
}

#[cfg(not(target_arch = "wasm32"))]
fn power(base: f64, exponent: f64) -> f64 {
    base.powf(exponent)
}

/// `classes` shades of `colour` (`#rrggbb`), from light to the full colour: the map's classes.
pub fn ramp(colour: &str, classes: usize) -> Vec<String> {
    let [r, g, b] = rgb(colour);
    (0..classes)
        .map(|i| {
            let t = if classes <= 1 { 1.0 } else { 0.25 + 0.75 * i as f64 / (classes - 1) as f64 };
            let mix = |c: u8| (255.0 - (255.0 - f64::from(c)) * t).round() as u8;
            format!("#{:02x}{:02x}{:02x}", mix(r), mix(g), mix(b))
        })
        .collect()
}

/// The WCAG contrast ratio of two `#rrggbb` colours: 1 to 21.
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// A colour as the browser computes it (`rgb(r, g, b)` or `rgba(r, g, b, a)`, alpha ignored) as `#rrggbb`.
pub fn from_computed(css: &str) -> Option<String> {
    let inner = css.trim().strip_prefix("rgb")?.trim_start_matches('a').strip_prefix('(')?.strip_suffix(')')?;
    let mut channels = inner.split([',', ' ', '/']).filter(|c| !c.is_empty()).map(channel);
    let (r, g, b) = (channels.next()??, channels.next()??, channels.next()??);
    Some(format!("#{r:02x}{g:02x}{b:02x}"))
}

/// A channel of a computed colour, `0` to `255`, possibly with decimals (`127.5`), rounded. Read by hand: a float
/// parser would add its code to the widget's first download for this one use.
fn channel(text: &str) -> Option<u8> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let rounds_up = fraction.bytes().next().is_some_and(|digit| digit >= b'5');
    Some((whole + u32::from(rounds_up)).min(255) as u8)
}

/// `colour` mixed with black: `share` 0 keeps it, 1 is black.
fn towards_black(colour: &str, share: f64) -> String {
    let [r, g, b] = rgb(colour).map(|c| (f64::from(c) * (1.0 - share)).round() as u8);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The widget's background, which the accent must stand out from.
const BACKGROUND: &str = "#ffffff";

/// The colours the widget draws from the host's accent (`--forus-accent`), so that whatever accent a host picks,
/// WCAG AA holds: text on the accent is black or white, whichever contrasts more, and where the accent is drawn
/// on the widget's background (links, outlined buttons, focus rings, selected borders), it is darkened until it
/// reaches 4.5:1, which text needs (other marks need 3:1).
#[derive(Clone, Debug, PartialEq)]
pub struct Accent {
    /// Buttons and chips filled with the accent, as the host gave it.
    pub fill: String,
    pub ink: &'static str,
    /// The filled button under the pointer, and its ink.
    pub hover: String,
    pub hover_ink: &'static str,
    /// The accent on the widget's background.
    pub on_background: String,
}

impl Accent {
    pub fn of(accent: &str) -> Accent {
        let hover = towards_black(accent, 0.15);
        let on_background = (0..=20)
            .map(|step| towards_black(accent, f64::from(step) * 0.05))
            .find(|c| contrast(c, BACKGROUND) >= 4.5)
            .unwrap_or_else(|| "#000000".into());
        Accent { fill: accent.to_string(), ink: ink_on(accent), hover_ink: ink_on(&hover), hover, on_background }
    }

    /// The custom properties the stylesheet reads, with their values.
    pub fn properties(&self) -> [(&'static str, &str); 5] {
        [
            ("--fw-accent", &self.on_background),
            ("--fw-accent-fill", &self.fill),
            ("--fw-accent-ink", self.ink),
            ("--fw-accent-hover", &self.hover),
            ("--fw-accent-hover-ink", self.hover_ink),
        ]
    }
}

/// Black or white, whichever has more contrast on `background` (`#rrggbb`).
pub fn ink_on(background: &str) -> &'static str {
    let l = luminance(background);
    if 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 {
        "#ffffff"
    } else {
        "#000000"
    }
}

/// The class giving an element goal `number`'s colour and readable ink on it (see [`goal_rules`]).
pub fn goal_class(number: u8) -> String {
    format!("fw-goal-{number}")
}

/// One CSS rule per goal, setting `--fw-sdg` and `--fw-sdg-ink` for its class: part of the widget's stylesheet,
/// because a host with a strict CSP refuses `style` attributes.
pub fn goal_rules() -> String {
    forus_model::sdgs()
        .iter()
        .map(|g| format!(".{}{{--fw-sdg:{};--fw-sdg-ink:{}}}", goal_class(g.number), g.colour, ink_on(&g.colour)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdg_numbers_stay_readable_on_their_colours() {
        assert_eq!(ink_on("#19486A"), "#ffffff", "goal 17, dark blue");
        assert_eq!(ink_on("#FCC30B"), "#000000", "goal 7, yellow");
        for goal in forus_model::sdgs() {
            let (bg, ink) = (luminance(&goal.colour), luminance(ink_on(&goal.colour)));
            let contrast = (bg.max(ink) + 0.05) / (bg.min(ink) + 0.05);
            assert!(contrast >= 4.5, "goal {}: contrast {contrast:.2}", goal.number);
        }
    }

    #[test]
    fn any_accent_keeps_text_and_marks_readable() {
        for accent in ["#ffff99", "#111111", "#0b5394", "#777777", "#ff0000", "#ffffff", "#000000"] {
            let a = Accent::of(accent);
            assert!(contrast(&a.on_background, BACKGROUND) >= 4.5, "{accent} on the background: {a:?}");
            assert!(contrast(a.ink, &a.fill) >= 4.5, "{accent}: ink on the fill: {a:?}");
            assert!(contrast(a.hover_ink, &a.hover) >= 4.5, "{accent}: ink on the hover: {a:?}");
        }
        assert_eq!(Accent::of("#0b5394").on_background, "#0b5394", "a dark enough accent is kept");
        assert_eq!(Accent::of("#ffff99").ink, "#000000");
    }

    #[test]
    fn computed_colours_read_back() {
        assert_eq!(from_computed("rgb(11, 83, 148)").as_deref(), Some("#0b5394"));
        assert_eq!(from_computed("rgba(255, 255, 153, 0.5)").as_deref(), Some("#ffff99"));
        assert_eq!(from_computed("rgb(255 0 0 / 50%)").as_deref(), Some("#ff0000"));
        assert_eq!(from_computed("rgb(127.5, 0.4, 254.9)").as_deref(), Some("#8000ff"));
        assert_eq!(from_computed("rgb(-1, 0, 0)"), None);
        assert_eq!(from_computed("red"), None);
    }

    #[test]
    fn every_goal_has_a_rule_with_its_colour_and_ink() {
        let rules = goal_rules();
        assert!(rules.contains(".fw-goal-7{--fw-sdg:#FCC30B;--fw-sdg-ink:#000000}"), "{rules}");
        assert_eq!(rules.matches("--fw-sdg-ink").count(), 17);
    }
}
