//! A content-stream tokenizer: operands onto a reusable stack, then the
//! operator. No allocation per token: string bytes go into one arena that is
//! cleared with the operand stack.

/// One operand. Strings are byte ranges in [`Operands::bytes`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Operand<'a> {
    Num(f32),
    Name(&'a [u8]),
    Str(u32, u32),
    /// `[` — arrays are kept flat between `Open` and `Close`.
    Open,
    Close,
    /// A dictionary, boolean or null: present but unused.
    Other,
}

/// The operands of the current operator.
#[derive(Debug, Default)]
pub struct Operands<'a> {
    pub list: Vec<Operand<'a>>,
    pub bytes: Vec<u8>,
}

impl<'a> Operands<'a> {
    pub fn clear(&mut self) {
        self.list.clear();
        self.bytes.clear();
    }

    #[cfg(test)]
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The `i`-th number counted from the end (0 = last), or 0.
    pub fn num_back(&self, i: usize) -> f32 {
        let n = self.list.len();
        match (i < n).then(|| self.list[n - 1 - i]) {
            Some(Operand::Num(v)) => v,
            _ => 0.0,
        }
    }

    /// The last `N` operands as numbers (missing or non-numbers are 0).
    pub fn nums<const N: usize>(&self) -> [f32; N] {
        std::array::from_fn(|i| self.num_back(N - 1 - i))
    }

    /// All trailing numeric operands, in order (for `sc`/`scn`).
    pub fn trailing_nums(&self, out: &mut Vec<f32>) {
        out.clear();
        for op in self.list.iter().rev() {
            match op {
                Operand::Num(v) => out.push(*v),
                _ => break,
            }
        }
        out.reverse();
    }

    /// The last name operand.
    pub fn last_name(&self) -> Option<&'a [u8]> {
        self.list.iter().rev().find_map(|o| match o {
            Operand::Name(n) => Some(*n),
            _ => None,
        })
    }

    /// The last name operand as a resource key: `#xx` escapes decoded, as
    /// lopdf decodes the keys of resource dictionaries (`/Lorem#20ipsum`).
    pub fn last_key(&self) -> Option<std::borrow::Cow<'a, [u8]>> {
        self.last_name().map(decode_name)
    }

    /// The first name operand as a resource key (see [`Self::last_key`]).
    pub fn first_key(&self) -> Option<std::borrow::Cow<'a, [u8]>> {
        self.first_name().map(decode_name)
    }

    /// The first name operand.
    pub fn first_name(&self) -> Option<&'a [u8]> {
        self.list.iter().find_map(|o| match o {
            Operand::Name(n) => Some(*n),
            _ => None,
        })
    }

    #[cfg(test)]
    /// The bytes of the last string operand.
    pub fn last_str(&self) -> Option<&[u8]> {
        self.list.iter().rev().find_map(|o| match o {
            Operand::Str(s, e) => Some(&self.bytes[*s as usize..*e as usize]),
            _ => None,
        })
    }

    pub fn str_bytes(&self, s: u32, e: u32) -> &[u8] {
        &self.bytes[s as usize..e as usize]
    }
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

/// A tokenizer over one decoded content stream.
pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0 }
    }

    /// Collect operands into `ops` (cleared first) up to the next operator
    /// and return the operator, or `None` at the end of the stream. An inline
    /// image is skipped whole and reported as `BI`.
    pub fn next_op(&mut self, ops: &mut Operands<'a>) -> Option<&'a [u8]> {
        ops.clear();
        // Arrays open among the operands: a text-state operator inside one
        // (`[(a) 0 Tc (b)] TJ`, which some producers write) is dropped, as
        // viewers do; any other operator still ends the operands.
        let mut depth = 0usize;
        loop {
            self.skip_space();
            let b = *self.data.get(self.pos)?;
            match b {
                b'/' => {
                    let name = self.name();
                    ops.list.push(Operand::Name(name));
                }
                b'(' => {
                    let (s, e) = self.literal(&mut ops.bytes);
                    ops.list.push(Operand::Str(s, e));
                }
                b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                    self.skip_dict();
                    ops.list.push(Operand::Other);
                }
                b'<' => {
                    let (s, e) = self.hex(&mut ops.bytes);
                    ops.list.push(Operand::Str(s, e));
                }
                b'[' => {
                    self.pos += 1;
                    depth += 1;
                    ops.list.push(Operand::Open);
                }
                b']' => {
                    self.pos += 1;
                    depth = depth.saturating_sub(1);
                    ops.list.push(Operand::Close);
                }
                b'0'..=b'9' | b'+' | b'-' | b'.' => {
                    let v = self.number();
                    ops.list.push(Operand::Num(v));
                }
                b if is_delim(b) => self.pos += 1, // stray `)`, `>`, `{`, `}`
                _ => {
                    let word = self.word();
                    match word {
                        b"true" | b"false" | b"null" => ops.list.push(Operand::Other),
                        b"Tc" | b"Tw" | b"Tz" | b"TL" | b"Ts" if depth > 0 => {}
                        b"BI" => {
                            self.skip_inline_image();
                            return Some(word);
                        }
                        _ => return Some(word),
                    }
                }
            }
        }
    }

    fn skip_space(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.data.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn word(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.data.get(self.pos).is_some_and(|&b| is_regular(b)) {
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    fn name(&mut self) -> &'a [u8] {
        self.pos += 1;
        self.word()
    }

    fn number(&mut self) -> f32 {
        let word = self.word();
        parse_number(word)
    }

    /// A literal string with escapes, appended to `out`; returns its range.
    fn literal(&mut self, out: &mut Vec<u8>) -> (u32, u32) {
        let start = out.len() as u32;
        self.pos += 1;
        let mut depth = 1;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            match b {
                b'\\' => self.escape(out),
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                _ => out.push(b),
            }
        }
        (start, out.len() as u32)
    }

    fn escape(&mut self, out: &mut Vec<u8>) {
        let Some(&b) = self.data.get(self.pos) else {
            return;
        };
        self.pos += 1;
        match b {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'\r' => {
                if self.data.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
            }
            b'\n' => {}
            b'0'..=b'7' => {
                let mut v = (b - b'0') as u32;
                for _ in 0..2 {
                    match self.data.get(self.pos) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            other => out.push(other),
        }
    }

    /// A hex string appended to `out`; returns its range.
    fn hex(&mut self, out: &mut Vec<u8>) -> (u32, u32) {
        let start = out.len() as u32;
        self.pos += 1;
        let mut hi: Option<u8> = None;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            let Some(v) = hex_value(b) else { continue };
            match hi.take() {
                Some(h) => out.push(h << 4 | v),
                None => hi = Some(v),
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        (start, out.len() as u32)
    }

    /// Skip a `<< … >>` dictionary, nested ones and strings included.
    fn skip_dict(&mut self) {
        let mut depth = 0usize;
        let mut scratch = Vec::new();
        while let Some(&b) = self.data.get(self.pos) {
            match b {
                b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                    depth += 1;
                    self.pos += 2;
                }
                b'>' if self.data.get(self.pos + 1) == Some(&b'>') => {
                    depth = depth.saturating_sub(1);
                    self.pos += 2;
                    if depth == 0 {
                        return;
                    }
                }
                b'(' => {
                    self.literal(&mut scratch);
                }
                b'<' => {
                    self.hex(&mut scratch);
                }
                _ => self.pos += 1,
            }
            scratch.clear();
        }
    }

    /// Skip `… ID <data> EI` after a `BI`.
    fn skip_inline_image(&mut self) {
        let mut scratch = Operands::default();
        loop {
            self.skip_space();
            if self.pos >= self.data.len() {
                return;
            }
            let b = self.data[self.pos];
            if is_regular(b) && !matches!(b, b'0'..=b'9' | b'+' | b'-' | b'.') {
                if self.word() == b"ID" {
                    break;
                }
                continue;
            }
            // A key or value: reuse the operand reader for one token.
            let before = self.pos;
            self.one_token(&mut scratch);
            scratch.clear();
            if self.pos == before {
                self.pos += 1;
            }
        }
        self.pos += 1; // the single white-space byte after ID
        self.skip_image_data();
    }

    fn one_token(&mut self, ops: &mut Operands<'a>) {
        match self.data[self.pos] {
            b'/' => {
                self.name();
            }
            b'(' => {
                self.literal(&mut ops.bytes);
            }
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => self.skip_dict(),
            b'<' => {
                self.hex(&mut ops.bytes);
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                self.word();
            }
            _ => self.pos += 1,
        }
    }

    fn skip_image_data(&mut self) {
        let d = self.data;
        while self.pos + 1 < d.len() {
            let at_ei = d[self.pos] == b'E'
                && d[self.pos + 1] == b'I'
                && self.pos > 0
                && is_white(d[self.pos - 1])
                && d.get(self.pos + 2).is_none_or(|&b| is_white(b));
            if at_ei {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = d.len();
    }
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Parse a PDF number leniently (`--5`, `5.`, `.5`, `1.2.3` → best effort).
pub fn parse_number(word: &[u8]) -> f32 {
    let mut neg = false;
    let mut i = 0;
    while i < word.len() && matches!(word[i], b'+' | b'-') {
        neg ^= word[i] == b'-';
        i += 1;
    }
    let mut int: f64 = 0.0;
    while i < word.len() && word[i].is_ascii_digit() {
        int = int * 10.0 + (word[i] - b'0') as f64;
        i += 1;
    }
    if i < word.len() && word[i] == b'.' {
        i += 1;
        let mut scale = 0.1;
        while i < word.len() && word[i].is_ascii_digit() {
            int += (word[i] - b'0') as f64 * scale;
            scale *= 0.1;
            i += 1;
        }
    }
    let v = if neg { -int } else { int };
    v as f32
}

/// A name's bytes with its `#xx` escapes decoded.
pub fn decode_name(raw: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if !raw.contains(&b'#') {
        return std::borrow::Cow::Borrowed(raw);
    }
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#'
            && let (Some(h), Some(l)) = (
                raw.get(i + 1).and_then(|&b| hex(b)),
                raw.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops_of(src: &[u8]) -> Vec<(String, usize)> {
        let mut lx = Lexer::new(src);
        let mut ops = Operands::default();
        let mut out = Vec::new();
        while let Some(op) = lx.next_op(&mut ops) {
            out.push((String::from_utf8_lossy(op).into_owned(), ops.len()));
        }
        out
    }

    #[test]
    fn numbers_names_and_operators() {
        let src = b"0.1 w q 1 0 0 -1 -.5 +3. cm /F1 9.3 Tf % comment\n Q";
        let mut lx = Lexer::new(src);
        let mut ops = Operands::default();
        assert_eq!(lx.next_op(&mut ops), Some(&b"w"[..]));
        assert_eq!(ops.num_back(0), 0.1);
        assert_eq!(lx.next_op(&mut ops), Some(&b"q"[..]));
        assert_eq!(lx.next_op(&mut ops), Some(&b"cm"[..]));
        assert_eq!(ops.nums::<6>(), [1.0, 0.0, 0.0, -1.0, -0.5, 3.0]);
        assert_eq!(lx.next_op(&mut ops), Some(&b"Tf"[..]));
        assert_eq!(ops.first_name(), Some(&b"F1"[..]));
        assert_eq!(lx.next_op(&mut ops), Some(&b"Q"[..]));
        assert_eq!(lx.next_op(&mut ops), None);
    }

    #[test]
    fn text_state_operators_inside_a_tj_array_are_dropped() {
        let got = ops_of(b"[(a) 0.0 Tc -250 (b) 0 Tw] TJ 0 Tc [(c) Tj");
        // The TJ keeps both strings; outside an array Tc is an operator; an
        // array left open still ends at an operator that is not text state.
        assert_eq!(got, [("TJ".into(), 7), ("Tc".into(), 1), ("Tj".into(), 2)]);
    }

    #[test]
    fn strings_with_escapes_and_hex() {
        let src = b"(a\\(b\\)\\101\\n(x)) Tj <4142 43> Tj <414> Tj";
        let mut lx = Lexer::new(src);
        let mut ops = Operands::default();
        lx.next_op(&mut ops);
        assert_eq!(ops.last_str(), Some(&b"a(b)A\n(x)"[..]));
        lx.next_op(&mut ops);
        assert_eq!(ops.last_str(), Some(&b"ABC"[..]));
        lx.next_op(&mut ops);
        assert_eq!(ops.last_str(), Some(&b"A@"[..]));
    }

    #[test]
    fn arrays_dicts_and_inline_images() {
        let src = b"[(a) -120 (b)] TJ /P <</MCID 0 /T (x>>)>> BDC BI /W 2 /H 1 /F /AHx ID \xff\x00EIx EI Q";
        let got = ops_of(src);
        assert_eq!(got[0], ("TJ".to_string(), 5));
        assert_eq!(got[1], ("BDC".to_string(), 2));
        assert_eq!(got[2].0, "BI");
        assert_eq!(got[3], ("Q".to_string(), 0));
    }
}
