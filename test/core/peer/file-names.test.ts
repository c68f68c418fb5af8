import { expect } from '@open-wc/testing';
import { passiveType, safeFileName, savedFileName } from '../../../src/core/peer/file-names.js';
import { savedFileName as publicSavedFileName } from '../../../src/core/index.js';

// The name a received file is saved under: the operating system opens it by extension.

describe('savedFileName', () => {
  const cases: [name: string, type: string, saved: string][] = [
    ['x.html', 'text/plain', 'x.html.txt'],
    ['x.html', 'text/html', 'x.html.bin'],
    ['pic.svg', 'image/svg+xml', 'pic.svg.bin'],
    ['pic.svg', 'image/png', 'pic.svg.png'],
    ['evil.lnk', 'application/octet-stream', 'evil.lnk.bin'],
    ['a.exe', 'application/x-msdownload', 'a.exe.bin'],
    ['archive.tar.gz', 'application/octet-stream', 'archive.tar.gz.bin'],
    ['report.pdf', 'application/pdf', 'report.pdf.bin'],
    ['data.bin', 'application/octet-stream', 'data.bin'],
    ['photo.JPG', 'image/jpeg', 'photo.JPG'],
    ['photo.jpeg', 'image/JPEG', 'photo.jpeg'],
    ['notes.txt', 'text/plain', 'notes.txt'],
    ['readme', 'text/plain', 'readme.txt'],
    ['song.mp3', 'audio/mpeg', 'song.mp3'],
    ['clip.webm', 'video/webm', 'clip.webm'],
    ['sound.xyz', 'audio/x-unusual', 'sound.xyz.bin'],
    // Windows drops trailing dots and spaces: `a.exe.` would be saved as a.exe.
    ['evil.exe.', 'text/plain', 'evil.exe.txt'],
    ['evil.exe . .', 'text/plain', 'evil.exe.txt'],
    ['photo.png   ', 'image/png', 'photo.png'],
    // A right-to-left override makes `gnp.exe` read as `exe.png`: it goes.
    ['photo\u202egnp.exe', 'image/png', 'photognp.exe.png'],
    ['\u202etxt.exe', 'text/plain', 'txt.exe.txt'],
    // Double extensions: only the last one counts, for the OS as for us.
    ['invoice.pdf.exe', 'application/octet-stream', 'invoice.pdf.exe.bin'],
    ['holiday.exe.jpg', 'image/jpeg', 'holiday.exe.jpg'],
    // Paths, leading dots, nothing at all.
    ['../../.bashrc', 'text/plain', 'bashrc.txt'],
    ['C:\\Users\\me\\a.bat', 'text/plain', 'a.bat.txt'],
    ['...', 'text/plain', 'file.txt'],
    ['', 'application/octet-stream', 'file.bin'],
  ];
  for (const [name, type, saved] of cases) {
    it(`${JSON.stringify(name)} as ${type} → ${JSON.stringify(saved)}`, () => {
      expect(savedFileName(name, type)).to.equal(saved);
    });
  }

  it('is exported by the core', () => {
    expect(publicSavedFileName).to.equal(savedFileName);
  });

  it('keeps only passive types, and cleans names for display', () => {
    expect(['image/PNG', 'text/plain', 'audio/ogg', 'video/mp4', 'text/html', 'image/svg+xml', 'text/plain; charset=utf-8'].map(passiveType)).to.deep.equal([
      'image/png',
      'text/plain',
      'audio/ogg',
      'video/mp4',
      'application/octet-stream',
      'application/octet-stream',
      'application/octet-stream',
    ]);
    expect(safeFileName('dir/\u202eevil\u0000.txt')).to.equal('evil.txt');
  });
});
