// Token counts with the o200k_base encoding (GPT-4o and later): a real tokenizer, so batch budgets hold.
import { countTokens as count } from 'gpt-tokenizer/encoding/o200k_base';

export const countTokens = (text: string): number => (text ? count(text) : 0);
