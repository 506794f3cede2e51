/**
 * The display-filter bar: the filter being typed, or the one in force; a filter that does not
 * compile shows Wireshark's message with the caret under the offending column
 * (dissect/filter formatFilterError), and the nearest field name when there is one.
 */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { formatFilterError, FilterError } from '../../../dissect/filter/index.js';
import type { FilterState } from '../state/view-state.js';
import { fit, toneProps, useColor } from './theme.js';

export interface FilterBarProps {
  readonly filter: FilterState;
  readonly width: number;
  /** A filter pass is running. */
  readonly busy: boolean;
}

/** Lines the bar takes, so the panes above can give way. */
export function filterBarHeight(filter: FilterState): number {
  return filter.problem === undefined ? 1 : 1 + filterProblemLines(filter).length;
}

/** formatFilterError indents the filter and marker lines by this much; the bar shows the filter after "/ ". */
const ERROR_INDENT = 4;

function filterProblemLines(filter: FilterState): string[] {
  const p = filter.problem;
  if (p === undefined) return [];
  const [message = '', , marker = '', ...rest] = formatFilterError(filter.draft, new FilterError(p.message, p.column, p.length, p.suggestion));
  return [`  ${marker.slice(ERROR_INDENT)}`, message, ...rest];
}

export function FilterBar({ filter, width, busy }: FilterBarProps): ReactNode {
  const color = useColor();
  if (filter.editing) {
    return (
      <Box flexDirection="column">
        <Text wrap="truncate">{fit(`/ ${filter.draft}█`, width)}</Text>
        {filterProblemLines(filter).map((text, i) => (
          <Text key={i} wrap="truncate" {...toneProps('bad', color)}>
            {fit(text, width)}
          </Text>
        ))}
      </Box>
    );
  }
  const text = filter.applied === undefined ? 'no filter (/ to filter)' : `filter: ${filter.applied}${busy ? ' (filtering…)' : ''}`;
  return (
    <Text wrap="truncate" {...toneProps(filter.applied === undefined ? 'dim' : 'warn', color)}>
      {fit(text, width)}
    </Text>
  );
}
