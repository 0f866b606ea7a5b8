/**
 * Optimal many-to-one assignment of mentees to mentors with capacities: the engine of
 * whole-program matching. Pure and synchronous.
 *
 * Model. Each mentor with k free places becomes k identical "slot" columns; each mentee is a
 * row that must take exactly one column: a slot of an eligible mentor (cost −weight) or its own
 * private "unmatched" column (cost 0). A minimum-cost assignment of every row is then a
 * maximum-weight matching that is free to leave mentees unmatched ("best-total"). For
 * "most-matched" every real edge also earns a bonus larger than any possible difference in total
 * weight, so the cost is lexicographic: first the number matched, then the weight.
 *
 * Algorithm. Shortest augmenting paths, one row at a time, with column prices (the dual
 * variables of the Hungarian method / Jonker–Volgenant): for each new row, Dijkstra over
 * reduced costs finds the cheapest way to seat it, possibly moving already-seated mentees along
 * an alternating path; the prices of the columns scanned are then updated so every reduced cost
 * stays non-negative. After each row the assignment of the rows seen so far is optimal, so after
 * the last row it is optimal for the whole pool (Burkard, Dell'Amico & Martello, *Assignment
 * Problems*, §4.4). Weights are integers, so results are exact.
 *
 * Complexity. Worst case O(n · (E + C) log C) for n mentees, E eligible (mentee, slot) edges and
 * C columns; in practice a row's search stops at the first free slot it reaches and touches a
 * small neighbourhood, so whole-program runs on sparse candidate graphs (top-K mentors per
 * mentee) take well under a second per thousand mentees.
 */

export interface AssignmentEdge {
  mentee: number;
  mentor: number;
  /** non-negative integer; higher is better */
  weight: number;
}

export interface AssignmentProblem {
  menteeCount: number;
  /** free places per mentor (index = mentor) */
  capacities: number[];
  edges: AssignmentEdge[];
  objective: 'best-total' | 'most-matched';
}

export interface AssignmentResult {
  /** mentor index per mentee, or -1 when unmatched */
  mentorOf: Int32Array;
  matched: number;
  totalWeight: number;
}

export function solveAssignment(problem: AssignmentProblem): AssignmentResult {
  const n = problem.menteeCount;
  // Columns: all slots first (mentor by mentor), then one private "unmatched" column per mentee.
  const slotStart: number[] = [];
  let slots = 0;
  for (const capacity of problem.capacities) {
    slotStart.push(slots);
    slots += Math.max(0, Math.floor(capacity));
  }
  const columns = slots + n;
  const mentorOfColumn = new Int32Array(slots);
  problem.capacities.forEach((capacity, mentor) => {
    for (let s = 0; s < Math.max(0, Math.floor(capacity)); s++) mentorOfColumn[slotStart[mentor]! + s] = mentor;
  });

  const maxWeight = problem.edges.reduce((m, e) => Math.max(m, e.weight), 0);
  // More than any total weight can differ by, so one more match always wins (exact below 2^53).
  const bonus = problem.objective === 'most-matched' ? maxWeight * n + 1 : 0;

  // Adjacency per row as parallel arrays of (column, cost), built once.
  const perRow: Array<{ columns: number[]; costs: number[] }> = Array.from({ length: n }, () => ({ columns: [], costs: [] }));
  const seen = new Map<number, number>();
  for (const edge of problem.edges) {
    if (edge.mentee < 0 || edge.mentee >= n || !(edge.weight >= 0)) continue;
    const capacity = Math.max(0, Math.floor(problem.capacities[edge.mentor] ?? 0));
    // Keep the best weight if an edge is given twice.
    const key = edge.mentee * problem.capacities.length + edge.mentor;
    if ((seen.get(key) ?? -1) >= edge.weight) continue;
    seen.set(key, edge.weight);
    const row = perRow[edge.mentee]!;
    for (let s = 0; s < capacity; s++) {
      row.columns.push(slotStart[edge.mentor]! + s);
      row.costs.push(-(edge.weight + bonus));
    }
  }
  for (let i = 0; i < n; i++) {
    perRow[i]!.columns.push(slots + i);
    perRow[i]!.costs.push(0);
  }

  const price = new Float64Array(columns);
  const rowOfColumn = new Int32Array(columns).fill(-1);
  const columnOfRow = new Int32Array(n).fill(-1);
  const dist = new Float64Array(columns).fill(Infinity);
  const predRow = new Int32Array(columns).fill(-1);
  // cost of the edge the search reached each column by, and of each row's current seat
  const predCost = new Float64Array(columns);
  const seatCost = new Float64Array(n);
  const scanned = new Uint8Array(columns);
  const touched: number[] = [];
  const heap = new MinHeap();

  for (let start = 0; start < n; start++) {
    heap.clear();
    const first = perRow[start]!;
    for (let k = 0; k < first.columns.length; k++) {
      const column = first.columns[k]!;
      const d = first.costs[k]! - price[column]!;
      if (d < dist[column]!) {
        if (dist[column] === Infinity) touched.push(column);
        dist[column] = d;
        predRow[column] = start;
        predCost[column] = first.costs[k]!;
        heap.push(d, column);
      }
    }
    let freeColumn = -1;
    const order: number[] = [];
    while (heap.size > 0) {
      const { key, value: column } = heap.pop();
      if (scanned[column] || key > dist[column]!) continue;
      scanned[column] = 1;
      order.push(column);
      const row = rowOfColumn[column]!;
      if (row === -1) {
        freeColumn = column;
        break;
      }
      // Leaving `column` for another one costs the difference of reduced costs, which dual
      // feasibility keeps non-negative: that is what makes Dijkstra valid here.
      const base = dist[column]! - (seatCost[row]! - price[column]!);
      const adj = perRow[row]!;
      for (let k = 0; k < adj.columns.length; k++) {
        const next = adj.columns[k]!;
        if (scanned[next]) continue;
        const d = base + adj.costs[k]! - price[next]!;
        if (d < dist[next]!) {
          if (dist[next] === Infinity) touched.push(next);
          dist[next] = d;
          predRow[next] = row;
          predCost[next] = adj.costs[k]!;
          heap.push(d, next);
        }
      }
    }
    // The row's own unmatched column is always reachable, so a free column is always found.
    const delta = dist[freeColumn]!;
    for (const column of order) price[column] = price[column]! + dist[column]! - delta;
    let column = freeColumn;
    for (;;) {
      const row = predRow[column]!;
      const previous = columnOfRow[row]!;
      rowOfColumn[column] = row;
      columnOfRow[row] = column;
      seatCost[row] = predCost[column]!;
      if (row === start) break;
      column = previous;
    }
    for (const c of touched) {
      dist[c] = Infinity;
      predRow[c] = -1;
      scanned[c] = 0;
    }
    touched.length = 0;
  }

  const mentorOf = new Int32Array(n).fill(-1);
  let matched = 0;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    const column = columnOfRow[i]!;
    if (column < slots) {
      mentorOf[i] = mentorOfColumn[column]!;
      matched += 1;
      totalWeight += -seatCost[i]! - bonus;
    }
  }
  return { mentorOf, matched, totalWeight };
}

/** A binary min-heap of (key, value) pairs with lazy deletion left to the caller. */
class MinHeap {
  private keys: number[] = [];
  private values: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  clear(): void {
    this.keys.length = 0;
    this.values.length = 0;
  }

  push(key: number, value: number): void {
    const keys = this.keys;
    const values = this.values;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      values[i] = values[parent]!;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  pop(): { key: number; value: number } {
    const keys = this.keys;
    const values = this.values;
    const top = { key: keys[0]!, value: values[0]! };
    const lastKey = keys.pop()!;
    const lastValue = values.pop()!;
    const size = keys.length;
    if (size > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= size) break;
        const right = left + 1;
        const child = right < size && keys[right]! < keys[left]! ? right : left;
        if (keys[child]! >= lastKey) break;
        keys[i] = keys[child]!;
        values[i] = values[child]!;
        i = child;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return top;
  }
}
