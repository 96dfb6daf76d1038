import {
  changeFailureRateBand,
  deploymentFrequencyBand,
  leadTimeBand,
  timeToRestoreBand,
} from './bands';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('DORA 2023 bands', () => {
  it.each([
    [5, 'elite'],
    [1, 'elite'],
    [0.5, 'high'],
    [1 / 7, 'high'],
    [1 / 14, 'medium'],
    [1 / 30, 'medium'],
    [1 / 60, 'low'],
    [0, 'low'],
  ])('deployment frequency %p/day is %s', (perDay, band) => {
    expect(deploymentFrequencyBand(perDay)).toBe(band);
  });

  it.each([
    [HOUR, 'elite'],
    [DAY, 'high'],
    [7 * DAY, 'high'],
    [8 * DAY, 'medium'],
    [30 * DAY, 'medium'],
    [31 * DAY, 'low'],
  ])('lead time %p ms is %s', (ms, band) => {
    expect(leadTimeBand(ms)).toBe(band);
  });

  it.each([
    [0, 'elite'],
    [0.05, 'elite'],
    [0.08, 'high'],
    [0.1, 'high'],
    [0.15, 'medium'],
    [0.2, 'low'],
  ])('change failure rate %p is %s', (rate, band) => {
    expect(changeFailureRateBand(rate)).toBe(band);
  });

  it.each([
    [30 * 60_000, 'elite'],
    [HOUR, 'high'],
    [23 * HOUR, 'high'],
    [DAY, 'medium'],
    [7 * DAY, 'medium'],
    [8 * DAY, 'low'],
  ])('time to restore %p ms is %s', (ms, band) => {
    expect(timeToRestoreBand(ms)).toBe(band);
  });
});
