// A row pasted from Excel or Word: cells separated by tabs, the first line
// only (a row copied from Excel ends with a line break). Excel and Word put
// the order number and the unit's name before the values when the whole
// row is copied: those lead cells are dropped when they name the unit, or
// when there are more cells than room and the lead ones are not values.

const fold = (text) => text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

// A cell that can be a value: a number as people write it, x, or blank.
function value_like(cell) {
  return /^\s*$|^\s*[xX]\s*$|^\s*[-+]?[\d.,\s]+%?\s*$/.test(cell);
}

// The values of `text` to fill from the pasted cell on: at most `room`.
export function split_pasted_row(text, room, unit_names = []) {
  const line = text.replace(/\r/g, '').split('\n').find((candidate) => candidate.trim() !== '') || '';
  let cells = line.split('\t').map((cell) => cell.trim());
  const names = unit_names.filter(Boolean).map(fold);
  const name_at = cells.findIndex((cell, idx) => idx < 2 && names.includes(fold(cell)));
  if (name_at >= 0) {
    cells = cells.slice(name_at + 1);
  } else {
    while (cells.length > room && cells.length > 0 && !value_like(cells[0])) cells = cells.slice(1);
    // An order number before a name that is not the unit's own.
    if (cells.length > room && /^\d+$/.test(cells[0]) && cells.length > 1 && !value_like(cells[1])) cells = cells.slice(2);
  }
  return cells.slice(0, room);
}
