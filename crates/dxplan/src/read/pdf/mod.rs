//! PDF reader: lopdf → glyphs, ruling lines, fills → one [`Grid`] per page.
//!
//! lopdf parses objects, decrypts and decodes streams; everything about
//! where glyphs land is ours:
//!
//! - `lexer` tokenizes content streams and `interp` runs them (graphics
//!   and text state, paths, colours, clipping, form XObjects) into a
//!   `PageContent` of glyphs, stroked segments and fills in display
//!   coordinates (points, origin top-left, y down) — `page` handles the
//!   crop box, `/Rotate` and pages whose text runs turned;
//! - `font` turns shown strings into codes, advances and Unicode text
//!   (ToUnicode, simple encodings, predefined CJK CMaps, Adobe-Japan1, the
//!   embedded font's own `cmap` where ToUnicode lies);
//! - `ruling` snaps rules, `table` finds tables and merged cells, `filled`
//!   finds tables drawn as filled cells (slide table styles), `aligned`
//!   tables with neither (borderless lists) from how their text lines up, `layout`
//!   groups glyphs into lines, and `build` assembles the grid;
//! - `svg` draws what was found, for `dxplan inspect` ([`inspect_svg`]).
//!
//! [`Grid`]: crate::grid::Grid

mod aligned;
mod build;
mod color;
mod content;
mod filled;
mod font;
mod geom;
mod interp;
mod layout;
mod lexer;
mod obj;
mod open;
mod page;
mod ruling;
mod stream;
mod svg;
mod table;
#[cfg(test)]
mod testpdf;
#[cfg(test)]
mod tests;

use lopdf::Document as PdfDocument;

use crate::error::{Container, ReadError};
use crate::model::Warning;
use crate::read::guard::guarded;
use crate::read::{Document, InputFormat, ReadOptions};
use content::PageContent;
use interp::{Ctx, FontCache};
use stream::Budget;

/// Read a PDF: one grid per page.
///
/// # Errors
/// [`ReadError::Damaged`] for a damaged file, [`ReadError::PasswordRequired`]
/// or [`ReadError::WrongPassword`] for a user password,
/// [`ReadError::NoText`] for a scan without a text layer,
/// [`ReadError::Limit`] when `--max-pages`, `--max-stream-bytes`,
/// `--max-total-bytes`, `--max-xobject-depth`, `--max-page-marks` or
/// `--max-cells` is passed.
///
/// # Examples
/// ```no_run
/// # #[cfg(feature = "internals")]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use dxplan::internals::read::{ReadOptions, pdf};
///
/// let bytes = std::fs::read("../../fixtures/shiogama-2024-03/plan-ipaex.pdf")?;
/// let doc = pdf::read(&bytes, &ReadOptions::default())?;
/// let page3 = &doc.grids[2];
/// assert_eq!(page3.text(2, 0), "事業名");
/// assert_eq!(page3.text(2, 1), "電子申請の推進");
/// # Ok(()) }
/// # #[cfg(not(feature = "internals"))]
/// # fn main() {}
/// ```
pub fn read(bytes: &[u8], opts: &ReadOptions) -> Result<Document, ReadError> {
    guarded(Container::Pdf, || read_pages(bytes, opts))
}

fn read_pages(bytes: &[u8], opts: &ReadOptions) -> Result<Document, ReadError> {
    crate::fault::inject(crate::fault::Site::PdfReader);
    let doc = open::open(bytes, opts)?;
    let mut reader = Reader::new(&doc, opts);
    let mut grids = Vec::new();
    let mut glyphs = 0;
    let mut marks = Vec::new();
    let mut image_pages = Vec::new();
    // The header line of the last borderless table: printed again on a
    // later page, the table goes on there.
    let mut repeated = None;
    for (page_no, id) in doc.get_pages() {
        let content = reader.page(page_no, id)?;
        glyphs += content.glyphs.len();
        if content.glyphs.is_empty() && content.images > 0 {
            image_pages.push(image_page(page_no, &content));
        }
        let lay = build::analyse(&content, &opts.limits, &mut repeated)?;
        marks.extend(build::unplaced_fills(page_no, &content, &lay));
        grids.push(build::page_grid(page_no, &content, &lay, &opts.limits)?);
    }
    if glyphs == 0 {
        let damaged = reader
            .warnings
            .iter()
            .any(|w| w.code == crate::model::WarningCode::UnreadableContent);
        return Err(no_text(&reader.fonts, damaged));
    }
    let pages = grids.len() as u32;
    Ok(Document {
        format: InputFormat::Pdf,
        grids,
        pages: Some(pages),
        sheets: None,
        warnings: reader
            .finish()
            .into_iter()
            .chain(image_pages)
            .chain(marks)
            .collect(),
    })
}

/// A page that draws an image and no text (a scanned page among text
/// pages): nothing on it can be read, so it is named.
fn image_page(page: u32, content: &content::PageContent) -> crate::model::Warning {
    let bbox = content.page.map_or([0.0; 4], |r| [r.x0, r.y0, r.x1, r.y1]);
    let at = crate::grid::Loc::Page {
        page,
        row: None,
        col: None,
        bbox,
    };
    crate::model::Warning::at(
        crate::model::WarningCode::ImagePage,
        crate::msg!("warning-image-page", page = page.to_string()),
        &at,
    )
}

/// Draw one page (1-based) as a standalone SVG: glyph boxes, ruling lines,
/// fills and the detected cells labelled with their grid row and column.
///
/// # Errors
/// As [`read`], and [`ReadError::NoSuchPage`] naming a page that does not exist.
///
/// # Examples
/// ```no_run
/// # #[cfg(feature = "internals")]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use dxplan::internals::read::{ReadOptions, pdf};
///
/// let bytes = std::fs::read("../../fixtures/shiogama-2024-03/plan-ipaex.pdf")?;
/// let svg = pdf::inspect_svg(&bytes, &ReadOptions::default(), 3)?;
/// std::fs::write("page3.svg", svg)?;
/// # Ok(()) }
/// # #[cfg(not(feature = "internals"))]
/// # fn main() {}
/// ```
pub fn inspect_svg(bytes: &[u8], opts: &ReadOptions, page: u32) -> Result<String, ReadError> {
    guarded(Container::Pdf, || page_svg(bytes, opts, page))
}

fn page_svg(bytes: &[u8], opts: &ReadOptions, page: u32) -> Result<String, ReadError> {
    let doc = open::open(bytes, opts)?;
    let pages = doc.get_pages();
    let Some(&id) = pages.get(&page) else {
        return Err(ReadError::NoSuchPage {
            page,
            pages: pages.len(),
        });
    };
    let mut reader = Reader::new(&doc, opts);
    let content = reader.page(page, id)?;
    let lay = build::analyse(&content, &opts.limits, &mut None)?;
    let grid = build::page_grid(page, &content, &lay, &opts.limits)?;
    Ok(svg::page_svg(&content, &lay, &grid))
}

/// Why a document gave no glyphs: fonts without Unicode text, page content
/// that could not be parsed, or no text layer at all.
fn no_text(fonts: &FontCache, damaged_content: bool) -> ReadError {
    if damaged_content && fonts.unmapped().is_empty() {
        return open::damaged("its page content cannot be parsed");
    }
    match fonts.unmapped().first() {
        Some((name, _)) => ReadError::UndecodableText { font: name.clone() },
        None => ReadError::NoText,
    }
}

/// Per-document reading state: fonts, the byte budget, warnings.
struct Reader<'d> {
    doc: &'d PdfDocument,
    fonts: FontCache,
    budget: Budget,
    warnings: Vec<Warning>,
    max_depth: u32,
    max_marks: u64,
}

impl<'d> Reader<'d> {
    fn new(doc: &'d PdfDocument, opts: &ReadOptions) -> Self {
        Reader {
            doc,
            fonts: FontCache::default(),
            budget: Budget::new(&opts.limits),
            warnings: Vec::new(),
            max_depth: opts.limits.max_xobject_depth,
            max_marks: opts.limits.max_page_marks,
        }
    }

    fn page(&mut self, page_no: u32, id: lopdf::ObjectId) -> Result<PageContent, ReadError> {
        let ctx = Ctx {
            doc: self.doc,
            fonts: &mut self.fonts,
            budget: &mut self.budget,
            max_depth: self.max_depth,
            max_marks: self.max_marks,
            warnings: &mut self.warnings,
            page_no,
        };
        page::read_page(ctx, id)
    }

    /// The warnings, with one per font that had codes without text.
    fn finish(mut self) -> Vec<Warning> {
        for (name, n) in self.fonts.unmapped() {
            self.warnings.push(Warning::new(
                crate::model::WarningCode::UnmappedGlyphs,
                crate::msg!(
                    "warning-unmapped-glyphs",
                    count = n.to_string(),
                    font = crate::i18n::MsgArg::Font(name.to_string())
                ),
                None,
            ));
        }
        self.warnings
    }
}
