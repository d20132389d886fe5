import type { AnyProbeCaller, ProbeDataset, World } from './world';

/**
 * One way information leaves the exchange. `read` returns everything the caller receives
 * (bodies, headers that matter, followed redirects) as text for the markers to be searched in.
 */
export interface Channel {
  name: string;
  /** What the channel shows of a dataset the caller may see: used to prove the probe is not vacuous. */
  shows: { metadata: boolean; data: boolean };
  read: (world: World, token: string | undefined, dataset: ProbeDataset, caller: AnyProbeCaller) => Promise<string>;
}

/** Reads a path and returns status, body and the redirect target's body, if any. */
export const readPath = async (world: World, path: string, token: string | undefined): Promise<string> => {
  const response = await world.t.request('GET', path, { token });
  let text = `${response.status} ${response.text}`;
  const location = response.headers.get('location');
  if (response.status >= 300 && response.status < 400 && location) {
    const followed = await fetch(location);
    text += ` -> ${followed.status} ${await followed.text()}`;
  }
  return text;
};
