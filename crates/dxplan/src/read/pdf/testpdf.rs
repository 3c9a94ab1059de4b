//! Small synthetic PDFs built with lopdf, for unit tests of each decoding
//! and layout path.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};

use crate::grid::Grid;
use crate::read::ReadOptions;

/// A PDF under construction: pages share one `/Pages` node.
pub struct TestPdf {
    pub doc: Document,
    pages: ObjectId,
    kids: Vec<Object>,
}

impl TestPdf {
    pub fn new() -> Self {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        TestPdf {
            doc,
            pages,
            kids: Vec::new(),
        }
    }

    pub fn add(&mut self, o: impl Into<Object>) -> ObjectId {
        self.doc.add_object(o)
    }

    /// An uncompressed stream object.
    pub fn stream(&mut self, dict: Dictionary, data: &[u8]) -> ObjectId {
        self.doc.add_object(Stream::new(dict, data.to_vec()))
    }

    /// A page with fonts `(resource name, font object)` and a content stream.
    pub fn page(&mut self, fonts: &[(&str, ObjectId)], content: &[u8]) -> ObjectId {
        let mut font_dict = Dictionary::new();
        for (name, id) in fonts {
            font_dict.set(name.as_bytes().to_vec(), Object::Reference(*id));
        }
        let res = dictionary! { "Font" => font_dict };
        self.page_with(res, content, Dictionary::new())
    }

    /// A page with any resources and extra page keys (`Rotate`, `CropBox`).
    pub fn page_with(&mut self, res: Dictionary, content: &[u8], extra: Dictionary) -> ObjectId {
        let contents = self.stream(Dictionary::new(), content);
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => self.pages,
            "MediaBox" => vec![0.into(), 0.into(), 600.into(), 800.into()],
            "Resources" => res,
            "Contents" => contents,
        };
        for (k, v) in extra.iter() {
            page.set(k.clone(), v.clone());
        }
        let id = self.add(page);
        self.kids.push(id.into());
        id
    }

    /// Finish the page tree and catalog.
    pub fn finish(&mut self) {
        let count = self.kids.len() as i64;
        let pages =
            dictionary! { "Type" => "Pages", "Kids" => self.kids.clone(), "Count" => count };
        self.doc
            .objects
            .insert(self.pages, Object::Dictionary(pages));
        let catalog = self.add(dictionary! { "Type" => "Catalog", "Pages" => self.pages });
        self.doc.trailer.set("Root", catalog);
        let id = Object::String(vec![7u8; 16], lopdf::StringFormat::Literal);
        self.doc
            .trailer
            .set("ID", Object::Array(vec![id.clone(), id]));
    }

    pub fn bytes(mut self) -> Vec<u8> {
        self.finish();
        let mut out = Vec::new();
        self.doc.save_to(&mut out).expect("saving a test PDF");
        out
    }

    /// A simple standard font (no widths, no embedding).
    pub fn standard_font(&mut self, base: &str) -> ObjectId {
        self.add(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => base })
    }

    /// A Type0 font with a CIDFont of `subtype` and the given encoding and
    /// extra CIDFont keys.
    pub fn type0(
        &mut self,
        encoding: Object,
        cid_subtype: &str,
        ordering: &str,
        extra: Dictionary,
    ) -> ObjectId {
        let mut cid = dictionary! {
            "Type" => "Font",
            "Subtype" => cid_subtype,
            "BaseFont" => "TestCID",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal(ordering),
                "Supplement" => 6,
            },
            "DW" => 1000,
        };
        for (k, v) in extra.iter() {
            cid.set(k.clone(), v.clone());
        }
        let cid_id = self.add(cid);
        self.add(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "TestCID",
            "Encoding" => encoding,
            "DescendantFonts" => vec![cid_id.into()],
        })
    }
}

/// Read bytes with default options.
pub fn read(bytes: &[u8]) -> Vec<Grid> {
    crate::read::pdf::read(bytes, &ReadOptions::default())
        .expect("reading a test PDF")
        .grids
}

/// Every non-empty cell text of the first page, in grid order.
pub fn texts(bytes: &[u8]) -> Vec<String> {
    let g = &read(bytes)[0];
    let mut out = Vec::new();
    for r in 0..g.rows() {
        for c in 0..g.cols() {
            if !g.text(r, c).is_empty() {
                out.push(g.text(r, c).to_string());
            }
        }
    }
    out
}

/// The interpreted content of page 1.
pub fn content(bytes: &[u8]) -> crate::read::pdf::content::PageContent {
    let opts = ReadOptions::default();
    let doc = crate::read::pdf::open::open(bytes, &opts).expect("opening a test PDF");
    let mut reader = crate::read::pdf::Reader::new(&doc, &opts);
    let id = doc.get_pages()[&1];
    reader.page(1, id).expect("reading page 1")
}
