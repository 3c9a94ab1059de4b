//! Just enough of the Compound File Binary format (the container of `.xls`)
//! to take out one stream by name. Every offset is bounds-checked and every
//! sector chain is cut at the number of sectors in the file, so damaged or
//! hostile containers give `None`, never a panic or an endless loop.

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const DIR_ENTRY: usize = 128;

/// An opened container: the bytes, the sector size and the FAT.
struct Cfb<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    fat: Vec<u32>,
}

/// The content of the first stream whose name is in `names`.
pub(super) fn stream(bytes: &[u8], names: &[&str]) -> Option<Vec<u8>> {
    let cfb = Cfb::open(bytes)?;
    let dir = cfb.chain_bytes(u32_at(bytes, 0x30)?, None)?;
    let entries: Vec<&[u8]> = dir.chunks_exact(DIR_ENTRY).collect();
    let entry = entries.iter().find(|e| e[0x42] == 2 && named(e, names))?;
    let (start, size) = (u32_at(entry, 0x74)?, u32_at(entry, 0x78)? as usize);
    if size < u32_at(bytes, 0x38)? as usize {
        cfb.mini_stream_bytes(entries.first()?, start, size)
    } else {
        cfb.chain_bytes(start, Some(size))
    }
}

/// False when a sector chain that calamine follows (the directory, the
/// mini FAT, the mini stream, a `names` stream) loops or runs off the FAT
/// instead of ending: calamine follows chains without a bound and would
/// fill memory. True when the container cannot be read here at all.
pub(super) fn chains_end(bytes: &[u8], names: &[&str]) -> bool {
    let Some(cfb) = Cfb::open(bytes) else {
        return true;
    };
    let ends = |start: Option<u32>| start.is_none_or(|s| cfb.chain_ends(s));
    let dir_start = u32_at(bytes, 0x30).unwrap_or(END_OF_CHAIN);
    if !ends(Some(dir_start)) {
        return false;
    }
    let Some(dir) = cfb.chain_bytes(dir_start, None) else {
        return true;
    };
    let entries: Vec<&[u8]> = dir.chunks_exact(DIR_ENTRY).collect();
    // The mini FAT and the mini stream (the root entry's chain) are read
    // only when the header counts mini FAT sectors.
    let minis = u32_at(bytes, 0x40).unwrap_or(0) > 0;
    let root_ok = !minis
        || (ends(u32_at(bytes, 0x3C))
            && entries.first().is_none_or(|root| ends(u32_at(root, 0x74))));
    let mini_cutoff = u32_at(bytes, 0x38).unwrap_or(4096);
    root_ok
        && entries
            .iter()
            .filter(|e| e[0x42] == 2 && named(e, names))
            .filter(|e| u32_at(e, 0x78).is_some_and(|size| size >= mini_cutoff))
            .all(|e| ends(u32_at(e, 0x74)))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

/// Whether an entry has one of `names`, in any case (`WORKBOOK` too, as
/// the compound-file format compares names without case).
fn named(e: &[u8], names: &[&str]) -> bool {
    let name = entry_name(e);
    names.iter().any(|n| n.eq_ignore_ascii_case(&name))
}

/// A directory entry's name (UTF-16LE, length in bytes with the final NUL).
fn entry_name(e: &[u8]) -> String {
    let len = (u16_at(e, 0x40).unwrap_or(0) as usize).min(64);
    let units: Vec<u16> = e[..len]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|&u| u != 0)
        .collect();
    String::from_utf16_lossy(&units)
}

impl<'a> Cfb<'a> {
    fn open(bytes: &'a [u8]) -> Option<Self> {
        if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return None;
        }
        let shift = u16_at(bytes, 0x1E)?;
        if !(7..=16).contains(&shift) {
            return None;
        }
        let mut cfb = Cfb {
            bytes,
            sector_size: 1 << shift,
            fat: Vec::new(),
        };
        cfb.fat = cfb.read_fat()?;
        Some(cfb)
    }

    fn sector(&self, n: u32) -> Option<&'a [u8]> {
        let start = (n as usize).checked_add(1)?.checked_mul(self.sector_size)?;
        self.bytes.get(start..start.checked_add(self.sector_size)?)
    }

    /// Most sectors a chain can have: the sectors in the file.
    fn max_sectors(&self) -> usize {
        self.bytes.len() / self.sector_size + 1
    }

    /// The FAT sectors listed by the header and the DIFAT chain.
    fn fat_sector_ids(&self) -> Option<Vec<u32>> {
        let mut ids: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(self.bytes, 0x4C + i * 4))
            .collect();
        let mut next = u32_at(self.bytes, 0x44)?;
        let per = self.sector_size / 4 - 1;
        for _ in 0..self.max_sectors() {
            let Some(sec) = self.sector(next) else { break };
            ids.extend((0..per).filter_map(|i| u32_at(sec, i * 4)));
            next = u32_at(sec, per * 4)?;
        }
        let count = u32_at(self.bytes, 0x2C)? as usize;
        // No more FAT sectors than it takes to map every sector of the
        // file: a header claiming more (repeating one sector) would make
        // the FAT gigabytes long.
        let needed = self.max_sectors().div_ceil(self.sector_size / 4);
        ids.truncate(count.min(needed));
        Some(ids)
    }

    fn read_fat(&self) -> Option<Vec<u32>> {
        let mut fat = Vec::new();
        for id in self.fat_sector_ids()? {
            let sec = self.sector(id)?;
            fat.extend(
                sec.chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
            );
        }
        Some(fat)
    }

    /// True when the chain from `start` reaches END_OF_CHAIN without
    /// leaving the FAT or visiting a sector twice.
    fn chain_ends(&self, start: u32) -> bool {
        let mut seen = vec![false; self.fat.len()];
        let mut at = start;
        while at != END_OF_CHAIN {
            match seen.get_mut(at as usize) {
                Some(s) if !*s => *s = true,
                _ => return false,
            }
            at = self.fat[at as usize];
        }
        true
    }

    /// The sector ids of a chain in `fat`, cut at `limit` links.
    fn chain(fat: &[u32], start: u32, limit: usize) -> Vec<u32> {
        let mut out = Vec::new();
        let mut at = start;
        while at != END_OF_CHAIN && out.len() < limit {
            let Some(&next) = fat.get(at as usize) else {
                break;
            };
            out.push(at);
            at = next;
        }
        out
    }

    /// The bytes of a chain of regular sectors, cut to `size` when given.
    fn chain_bytes(&self, start: u32, size: Option<usize>) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        for id in Self::chain(&self.fat, start, self.max_sectors()) {
            out.extend_from_slice(self.sector(id)?);
        }
        match size {
            Some(n) if n > out.len() => None,
            Some(n) => {
                out.truncate(n);
                Some(out)
            }
            None => Some(out),
        }
    }

    /// A small stream kept in the mini stream (64-byte sectors).
    fn mini_stream_bytes(&self, root: &[u8], start: u32, size: usize) -> Option<Vec<u8>> {
        let mini = self.chain_bytes(u32_at(root, 0x74)?, Some(u32_at(root, 0x78)? as usize))?;
        let minifat_bytes = self.chain_bytes(u32_at(self.bytes, 0x3C)?, None)?;
        let minifat: Vec<u32> = minifat_bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let mut out = Vec::new();
        for id in Self::chain(&minifat, start, mini.len() / 64 + 1) {
            let at = id as usize * 64;
            out.extend_from_slice(mini.get(at..at + 64)?);
        }
        (out.len() >= size).then(|| {
            out.truncate(size);
            out
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_and_truncated_containers_give_none() {
        assert_eq!(stream(b"not a container", &["Workbook"]), None);
        let mut header = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        header.resize(512, 0xFF);
        assert_eq!(stream(&header, &["Workbook"]), None);
    }

    /// A container of 512-byte sectors: header, FAT in sector 0, the
    /// directory in sector 1 (chain `dir_next` after it), a Workbook
    /// stream of 8 KiB starting at sector 2 whose chain is `wb_chain`.
    fn container(dir_next: u32, wb_chain: &[u32]) -> Vec<u8> {
        let mut b = vec![0u8; 512 * 24];
        b[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        b[0x1E] = 9;
        let put =
            |b: &mut Vec<u8>, at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_le_bytes());
        put(&mut b, 0x2C, 1);
        put(&mut b, 0x30, 1);
        put(&mut b, 0x38, 4096);
        put(&mut b, 0x3C, END_OF_CHAIN);
        put(&mut b, 0x44, END_OF_CHAIN);
        put(&mut b, 0x4C, 0);
        let fat = 512;
        put(&mut b, fat, 0xFFFF_FFFD);
        put(&mut b, fat + 4, dir_next);
        for (i, &next) in wb_chain.iter().enumerate() {
            put(&mut b, fat + 8 + i * 4, next);
        }
        let dir = 1024;
        for (i, u) in "Root Entry".encode_utf16().enumerate() {
            b[dir + i * 2..dir + i * 2 + 2].copy_from_slice(&u.to_le_bytes());
        }
        b[dir + 0x42] = 5;
        let wb = dir + 128;
        for (i, u) in "Workbook".encode_utf16().enumerate() {
            b[wb + i * 2..wb + i * 2 + 2].copy_from_slice(&u.to_le_bytes());
        }
        b[wb + 0x40] = 18;
        b[wb + 0x42] = 2;
        put(&mut b, wb + 0x74, 2);
        put(&mut b, wb + 0x78, 8192);
        b
    }

    #[test]
    fn looping_chains_are_found() {
        let straight: Vec<u32> = (3..18).chain([END_OF_CHAIN]).collect();
        let ok = container(END_OF_CHAIN, &straight);
        assert!(chains_end(&ok, &["Workbook"]));
        assert_eq!(stream(&ok, &["Workbook"]).map(|s| s.len()), Some(8192));
        // The directory chain points back at itself.
        assert!(!chains_end(&container(1, &straight), &["Workbook"]));
        // The Workbook chain loops after three sectors.
        assert!(!chains_end(
            &container(END_OF_CHAIN, &[3, 4, 2]),
            &["Workbook"]
        ));
        // Runs off the FAT.
        assert!(!chains_end(
            &container(END_OF_CHAIN, &[9999]),
            &["Workbook"]
        ));
        // Not a container we can read: calamine decides.
        assert!(chains_end(b"not a container", &["Workbook"]));
    }

    #[test]
    fn fat_claiming_endless_sectors_stays_file_sized() {
        // 4 KiB sectors, a DIFAT sector that points at itself and a FAT
        // sector count of 2^32 - 1: every FAT entry names sector 0 (with
        // 64 KiB sectors, 1 MiB of this asked for 18 GB).
        let mut bytes = vec![0u8; 1 << 16];
        bytes[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        bytes[0x1E] = 12;
        bytes[0x2C..0x30].copy_from_slice(&u32::MAX.to_le_bytes());
        let cfb = Cfb::open(&bytes).expect("opens");
        assert!(
            cfb.fat.len() <= bytes.len() / 4,
            "{} entries",
            cfb.fat.len()
        );
    }
}
