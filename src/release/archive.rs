//! The bundle as one `.tar.gz` and one `.zip`, byte for byte the same on every build: entries
//! in path order under one top directory, fixed modes and owner, the release time as every
//! entry's time, no host names or user names, gzip without a name or time. Written by hand on
//! top of a deflate encoder, because both formats are a few fixed headers and the archive
//! crates would bring more than they save; files are streamed, never held whole.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;

use flate2::Compression;
use flate2::write::DeflateEncoder;

/// One entry: its path inside the archive (under the top directory), and for a file the path
/// on disk and its size.
pub struct Entry<'a> {
    pub name: String,
    pub file: Option<(&'a Path, u64)>,
}

/// Copy a file into `out`, returning its CRC-32 (for ZIP).
fn copy(path: &Path, out: &mut impl Write) -> io::Result<(u32, u64)> {
    let mut f = File::open(path)?;
    let mut buf = vec![0; 256 * 1024];
    let mut crc = crc32fast::Hasher::new();
    let mut n = 0u64;
    loop {
        let got = f.read(&mut buf)?;
        if got == 0 {
            return Ok((crc.finalize(), n));
        }
        crc.update(&buf[..got]);
        out.write_all(&buf[..got])?;
        n += got as u64;
    }
}

fn too_long(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, what.to_string())
}

/// An octal field of a tar header, NUL-terminated.
fn octal(field: &mut [u8], value: u64) -> io::Result<()> {
    let digits = format!("{value:0width$o}", width = field.len() - 1);
    if digits.len() > field.len() - 1 {
        return Err(too_long("a size or time too large for a tar header"));
    }
    field[..digits.len()].copy_from_slice(digits.as_bytes());
    field[digits.len()] = 0;
    Ok(())
}

/// A ustar header block. Names over 100 bytes are split into prefix and name at a slash.
fn tar_header(name: &str, size: u64, dir: bool, mtime: u64) -> io::Result<[u8; 512]> {
    let mut h = [0u8; 512];
    let (prefix, rest) = if name.len() <= 100 {
        ("", name)
    } else {
        let split = name[..name.len().min(156)]
            .rfind('/')
            .filter(|&i| name.len() - i - 1 <= 100)
            .ok_or_else(|| too_long("a path too long for a tar header"))?;
        (&name[..split], &name[split + 1..])
    };
    h[..rest.len()].copy_from_slice(rest.as_bytes());
    octal(&mut h[100..108], if dir { 0o755 } else { 0o644 })?;
    octal(&mut h[108..116], 0)?;
    octal(&mut h[116..124], 0)?;
    octal(&mut h[124..136], size)?;
    octal(&mut h[136..148], mtime)?;
    h[156] = if dir { b'5' } else { b'0' };
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[345..345 + prefix.len()].copy_from_slice(prefix.as_bytes());
    // The checksum is taken with its own field as spaces.
    h[148..156].copy_from_slice(b"        ");
    let sum: u64 = h.iter().map(|b| u64::from(*b)).sum();
    octal(&mut h[148..155], sum)?;
    h[155] = b' ';
    Ok(h)
}

/// Write the entries as a gzipped tar to `out`.
pub fn tar_gz<W: Write>(entries: &[Entry<'_>], mtime: u64, out: W) -> io::Result<W> {
    let mut gz = flate2::GzBuilder::new()
        .operating_system(255)
        .write(out, Compression::default());
    for e in entries {
        let size = e.file.map_or(0, |(_, n)| n);
        gz.write_all(&tar_header(&e.name, size, e.file.is_none(), mtime)?)?;
        if let Some((path, expected)) = e.file {
            let (_, n) = copy(path, &mut gz)?;
            if n != expected {
                return Err(io::Error::other(format!(
                    "{} changed while it was archived",
                    path.display()
                )));
            }
            let pad = (512 - (n % 512) as usize) % 512;
            gz.write_all(&vec![0; pad])?;
        }
    }
    // The end of the archive: two empty blocks.
    gz.write_all(&[0; 1024])?;
    gz.finish()
}

/// MS-DOS time and date (ZIP's) for seconds since 1970, clamped to what they can hold.
fn dos_time(epoch: u64) -> (u16, u16) {
    const Y1980: u64 = 315_532_800;
    let epoch = epoch.max(Y1980);
    let d = crate::model::PartialDate::from_unix_days((epoch / 86_400) as i64);
    let secs = epoch % 86_400;
    let year = (d.year.clamp(1980, 2107) - 1980) as u16;
    let date = (year << 9) | (u16::from(d.month.unwrap_or(1)) << 5) | u16::from(d.day.unwrap_or(1));
    let time = ((secs / 3600) as u16) << 11
        | (((secs % 3600) / 60) as u16) << 5
        | ((secs % 60) / 2) as u16;
    (time, date)
}

/// Counts what passes through, so the ZIP directory knows each entry's offset and size.
struct Counted<W> {
    inner: W,
    n: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.n += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn u32_field(v: u64) -> io::Result<u32> {
    u32::try_from(v).map_err(|_| too_long("more than 4 GiB: too large for a ZIP without ZIP64"))
}

/// Write the entries as a ZIP file to `out`: files deflated, each followed by a data
/// descriptor (so it is streamed), then the central directory.
pub fn zip<W: Write>(entries: &[Entry<'_>], mtime: u64, out: W) -> io::Result<W> {
    let (time, date) = dos_time(mtime);
    let mut out = Counted { inner: out, n: 0 };
    let mut central = Vec::new();
    let mut count: u16 = 0;
    for e in entries {
        let offset = u32_field(out.n)?;
        let dir = e.file.is_none();
        // Bit 3: sizes and CRC follow the data; bit 11: the name is UTF-8.
        let flags: u16 = if dir { 1 << 11 } else { (1 << 3) | (1 << 11) };
        let method: u16 = if dir { 0 } else { 8 };
        let name = e.name.as_bytes();
        let name_len =
            u16::try_from(name.len()).map_err(|_| too_long("a path too long for a ZIP entry"))?;
        let mut local = Vec::with_capacity(30 + name.len());
        local.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        local.extend_from_slice(&20u16.to_le_bytes());
        local.extend_from_slice(&flags.to_le_bytes());
        local.extend_from_slice(&method.to_le_bytes());
        local.extend_from_slice(&time.to_le_bytes());
        local.extend_from_slice(&date.to_le_bytes());
        local.extend_from_slice(&[0; 12]); // CRC and sizes: in the data descriptor
        local.extend_from_slice(&name_len.to_le_bytes());
        local.extend_from_slice(&0u16.to_le_bytes());
        local.extend_from_slice(name);
        out.write_all(&local)?;
        let (crc, csize, usize_) = match e.file {
            None => (0, 0, 0),
            Some((path, expected)) => {
                let start = out.n;
                let mut deflate = DeflateEncoder::new(&mut out, Compression::default());
                let (crc, n) = copy(path, &mut deflate)?;
                deflate.finish()?;
                if n != expected {
                    return Err(io::Error::other(format!(
                        "{} changed while it was archived",
                        path.display()
                    )));
                }
                let (csize, usize_) = (u32_field(out.n - start)?, u32_field(n)?);
                out.write_all(&0x0807_4b50u32.to_le_bytes())?;
                out.write_all(&crc.to_le_bytes())?;
                out.write_all(&csize.to_le_bytes())?;
                out.write_all(&usize_.to_le_bytes())?;
                (crc, csize, usize_)
            }
        };
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        // Made by: Unix (3), version 2.0; so the external attributes hold Unix modes.
        central.extend_from_slice(&((3u16 << 8) | 20).to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&flags.to_le_bytes());
        central.extend_from_slice(&method.to_le_bytes());
        central.extend_from_slice(&time.to_le_bytes());
        central.extend_from_slice(&date.to_le_bytes());
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&csize.to_le_bytes());
        central.extend_from_slice(&usize_.to_le_bytes());
        central.extend_from_slice(&name_len.to_le_bytes());
        central.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attributes
        let mode: u32 = if dir { 0o040_755 } else { 0o100_644 };
        let dos_dir: u32 = if dir { 0x10 } else { 0 };
        central.extend_from_slice(&((mode << 16) | dos_dir).to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
        count = count.checked_add(1).ok_or_else(|| {
            too_long("more than 65,535 entries: too many for a ZIP without ZIP64")
        })?;
    }
    let start = u32_field(out.n)?;
    let size = u32_field(central.len() as u64)?;
    out.write_all(&central)?;
    let mut end = Vec::with_capacity(22);
    end.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    end.extend_from_slice(&[0; 4]); // this disk, the directory's disk
    end.extend_from_slice(&count.to_le_bytes());
    end.extend_from_slice(&count.to_le_bytes());
    end.extend_from_slice(&size.to_le_bytes());
    end.extend_from_slice(&start.to_le_bytes());
    end.extend_from_slice(&0u16.to_le_bytes());
    out.write_all(&end)?;
    Ok(out.inner)
}
