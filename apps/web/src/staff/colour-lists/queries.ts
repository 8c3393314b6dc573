// Queries of the colour lists. Keys start with 'colour-lists': every change invalidates them.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ColourCadenceConfig,
  ColourCounts,
  ColourCountsQuery,
  ColourItemDetail,
  ColourItemList,
  ColourItemListQuery,
  ColourReport,
  ColourReportQuery,
  ColourUnitList,
} from '@jiesu/contracts';
import { api } from '../../api/client';

export function useColourUnits() {
  return useQuery({
    queryKey: ['colour-lists', 'units'],
    queryFn: () => api.get<ColourUnitList>('/api/colour-lists/units'),
  });
}

export function useColourItems(query: ColourItemListQuery) {
  return useQuery({
    queryKey: ['colour-lists', 'items', query],
    queryFn: () => api.get<ColourItemList>('/api/colour-lists/items', query),
    placeholderData: keepPreviousData,
  });
}

export function useColourCounts(query: ColourCountsQuery) {
  return useQuery({
    queryKey: ['colour-lists', 'counts', query],
    queryFn: () => api.get<ColourCounts>('/api/colour-lists/counts', query),
    placeholderData: keepPreviousData,
  });
}

export function useColourItem(id: string | undefined) {
  return useQuery({
    queryKey: ['colour-lists', 'item', id],
    queryFn: () => api.get<ColourItemDetail>(`/api/colour-lists/items/${id}`),
    enabled: Boolean(id),
  });
}

export function useColourReport(query: ColourReportQuery | undefined) {
  return useQuery({
    queryKey: ['colour-lists', 'report', query],
    queryFn: () => api.get<ColourReport>('/api/colour-lists/report', query),
    enabled: Boolean(query),
    placeholderData: keepPreviousData,
  });
}

export function useColourCadences() {
  return useQuery({
    queryKey: ['colour-lists', 'cadences'],
    queryFn: () => api.get<ColourCadenceConfig>('/api/colour-lists/cadences'),
  });
}
