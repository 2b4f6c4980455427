/** Collects every page of a NextToken-paginated AWS Describe call. */
export async function allPages<T>(
  fetchPage: (
    nextToken: string | undefined,
  ) => Promise<{ items: T[] | undefined; nextToken?: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await fetchPage(nextToken);
    items.push(...(page.items ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return items;
}
