//! Ships the widget's stylesheets without comments or needless whitespace: they are compiled into the wasm
//! modules every visitor downloads.

fn main() {
    // The first view's styles, and those of what the on-demand modules show (the results, the map).
    for name in ["widget", "on-demand"] {
        let source = format!("style/{name}.css");
        println!("cargo:rerun-if-changed={source}");
        let css = std::fs::read_to_string(&source).expect("the stylesheet");
        let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join(format!("{name}.min.css"));
        std::fs::write(out, minify(&css)).expect("writing the minified stylesheet");
    }
}

/// Drops comments, collapses whitespace, and removes it where CSS never needs it (around `{};,>` and after
/// `:` and `(`), leaving strings as they are. A space before `:` or `(` is kept: `.a :hover` and `and (…)`
/// need it.
fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            '"' | '\'' => {
                push(&mut out, c, &mut space);
                for s in chars.by_ref() {
                    out.push(s);
                    if s == c {
                        break;
                    }
                }
            }
            c => push(&mut out, c, &mut space),
        }
    }
    out
}

fn push(out: &mut String, c: char, space: &mut bool) {
    if std::mem::take(space)
        && !out.is_empty()
        && !out.ends_with(['{', '}', ';', ',', ':', '>', '('])
        && !"{};,>)".contains(c)
    {
        out.push(' ');
    }
    if c == '}' && out.ends_with(';') {
        out.pop();
    }
    out.push(c);
}
