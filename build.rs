//! Ships the widget's stylesheet without comments or needless whitespace: it is compiled into the wasm that
//! every visitor downloads.

fn main() {
    println!("cargo:rerun-if-changed=style/widget.css");
    let css = std::fs::read_to_string("style/widget.css").expect("style/widget.css");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("widget.min.css");
    std::fs::write(out, minify(&css)).expect("writing the minified stylesheet");
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
